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


class GeocodingError(Exception):
    """A geocoder failed: unreachable, timed out, or answered nonsense."""


@dataclass(frozen=True)
class Point:
    latitude: float
    longitude: float


def load_places() -> int:
    """Fill the Place table once; returns how many ZIP codes it now holds."""
    from directory.models import Place
    from directory.zip_places import place_rows

    if not Place.objects.exists():
        Place.objects.bulk_create([Place(**row) for row in place_rows()], batch_size=2000)
    return Place.objects.count()


def zip_centroids(zip_codes: Iterable[str]) -> dict[str, Point]:
    from directory.models import Place

    wanted = sorted(set(zip_codes))
    points = {}
    for start in range(0, len(wanted), 900):
        # Only real centers: a ZIP code without one is placed by its city, or not at all.
        chunk = Place.objects.filter(zip_code__in=wanted[start : start + 900])
        for zip_code, latitude, longitude in chunk.values_list("zip_code", "latitude", "longitude"):
            if latitude is not None and longitude is not None:
                points[zip_code] = Point(latitude, longitude)
    return points


def city_centroid(city: str, state: str) -> Point | None:
    """The city's center from real ZIP centers only (see directory.zip_places), or None."""
    from directory.zip_places import city_center

    return city_center(city, state)


@dataclass(frozen=True)
class Located:
    """Where a listing is put: a point and how precise it is, or no point and precision "unknown"."""

    point: Point | None
    precision: str  # a directory.models.CoordinatePrecision value


def locate(
    *, source: Point | None, street: Point | None, zip_code: str, city: str, state: str, zip_centers: dict[str, Point]
) -> Located:
    """The best real position known: the source's own, a street match, the ZIP or the city center.

    A listing none of them places is "location unknown" (found by state, city
    and name, never by distance) instead of being rejected or put at (0, 0).
    `zip_centers` is zip_centroids() of the rows being placed.
    """
    from directory.models import CoordinatePrecision

    if source is not None:
        return Located(source, CoordinatePrecision.SOURCE)
    if street is not None:
        return Located(street, CoordinatePrecision.STREET)
    if zip_code in zip_centers:
        return Located(zip_centers[zip_code], CoordinatePrecision.ZIP)
    point = city_centroid(city, state)
    return Located(point, CoordinatePrecision.CITY) if point else Located(None, CoordinatePrecision.UNKNOWN)


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
