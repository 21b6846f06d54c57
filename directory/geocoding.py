"""Turning addresses into coordinates, isolated here with its own exceptions.

ZIP centroids come offline from the `zipcodes` package (coordinates from
GeoNames, CC BY 4.0). Street-level geocoding is an optional service behind the
`Geocoder` interface, off unless STREET_GEOCODER names one; it never runs in
tests, which feed it recorded responses instead.
"""

from __future__ import annotations

import csv
import io
import urllib.error
import urllib.request
import uuid
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol

import zipcodes


class GeocodingError(Exception):
    """A geocoder failed: unreachable, timed out, or answered nonsense."""


@dataclass(frozen=True)
class Point:
    latitude: float
    longitude: float


def place_rows() -> list[dict[str, object]]:
    """Every ZIP code the package knows, as rows for the Place table."""
    rows = []
    for entry in zipcodes.list_all():
        try:
            latitude, longitude = float(entry["lat"]), float(entry["long"])
        except (TypeError, ValueError):
            continue
        rows.append(
            {"zip_code": entry["zip_code"], "city": entry["city"], "state": entry["state"],
             "latitude": latitude, "longitude": longitude}
        )  # fmt: skip
    return rows


def load_places() -> int:
    """Fill the Place table once; returns how many ZIP codes it now holds."""
    from directory.models import Place

    if not Place.objects.exists():
        Place.objects.bulk_create([Place(**row) for row in place_rows()], batch_size=2000)
    return Place.objects.count()


def zip_centroids(zip_codes: Iterable[str]) -> dict[str, Point]:
    from directory.models import Place

    wanted = sorted(set(zip_codes))
    points = {}
    for start in range(0, len(wanted), 900):
        chunk = Place.objects.filter(zip_code__in=wanted[start : start + 900])
        for zip_code, latitude, longitude in chunk.values_list("zip_code", "latitude", "longitude"):
            points[zip_code] = Point(latitude, longitude)
    return points


def city_centroid(city: str, state: str) -> Point | None:
    """The mean of a city's ZIP centres, or None for a city the package lacks."""
    from django.db.models import Avg

    from directory.models import Place

    found = Place.objects.filter(state=state, city__iexact=city).aggregate(lat=Avg("latitude"), lon=Avg("longitude"))
    return Point(found["lat"], found["lon"]) if found["lat"] is not None else None


@dataclass(frozen=True)
class AddressQuery:
    key: str
    street: str
    city: str
    state: str
    zip_code: str


class Geocoder(Protocol):
    def geocode_batch(self, addresses: Sequence[AddressQuery]) -> dict[str, Point]:
        """Coordinates for those addresses it could match, by their key."""
        ...


Opener = Callable[[urllib.request.Request, float], io.BufferedIOBase]


def _urlopen(request: urllib.request.Request, timeout: float) -> io.BufferedIOBase:
    return urllib.request.urlopen(request, timeout=timeout)  # noqa: S310 (only CensusGeocoder.URL, https)  # nosec B310


class CensusGeocoder:
    """The U.S. Census Bureau's batch geocoder (up to 10,000 addresses a call)."""

    URL = "https://geocoding.geo.census.gov/geocoder/locations/addressbatch"
    BATCH_LIMIT = 10_000

    def __init__(self, *, timeout: float = 30, opener: Opener = _urlopen, benchmark: str = "Public_AR_Current"):
        self.timeout = timeout
        self.opener = opener
        self.benchmark = benchmark

    def geocode_batch(self, addresses: Sequence[AddressQuery]) -> dict[str, Point]:
        if len(addresses) > self.BATCH_LIMIT:
            raise GeocodingError(f"the Census geocoder takes at most {self.BATCH_LIMIT} addresses a call")
        if not addresses:
            return {}
        body, content_type = self._form(addresses)
        request = urllib.request.Request(self.URL, data=body, headers={"Content-Type": content_type})  # noqa: S310 (a fixed https URL)
        try:
            with self.opener(request, self.timeout) as response:
                answer = response.read().decode("utf-8", errors="replace")
        except (urllib.error.URLError, TimeoutError, OSError) as error:
            raise GeocodingError(f"the Census geocoder could not be reached: {error}") from None
        return parse_census_batch(answer)

    def _form(self, addresses: Sequence[AddressQuery]) -> tuple[bytes, str]:
        lines = io.StringIO()
        writer = csv.writer(lines)
        for address in addresses:
            writer.writerow([address.key, address.street, address.city, address.state, address.zip_code])
        boundary = uuid.uuid4().hex
        parts = [
            f'--{boundary}\r\nContent-Disposition: form-data; name="benchmark"\r\n\r\n{self.benchmark}\r\n',
            f'--{boundary}\r\nContent-Disposition: form-data; name="addressFile"; filename="addresses.csv"\r\n'
            f"Content-Type: text/csv\r\n\r\n{lines.getvalue()}\r\n",
            f"--{boundary}--\r\n",
        ]
        return "".join(parts).encode(), f"multipart/form-data; boundary={boundary}"


def parse_census_batch(answer: str) -> dict[str, Point]:
    """Rows are: key, input, Match/No_Match/Tie, Exact/Non_Exact, matched address, "lon,lat", ..."""
    points = {}
    for row in csv.reader(io.StringIO(answer)):
        if len(row) < 6 or row[2] != "Match":
            continue
        try:
            longitude, latitude = (float(part) for part in row[5].split(","))
        except ValueError:
            raise GeocodingError(f"the Census geocoder answered an unreadable coordinate: {row[5]!r}") from None
        points[row[0]] = Point(latitude, longitude)
    return points


def street_geocoder(name: str, *, timeout: float) -> Geocoder | None:
    """The configured street geocoder, or None when street geocoding is off."""
    if not name:
        return None
    if name == "census":
        return CensusGeocoder(timeout=timeout)
    raise GeocodingError(f"unknown STREET_GEOCODER {name!r}; the supported one is 'census'")
