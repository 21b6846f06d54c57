"""The search itself: one indexed SQL read of candidates, then exact arithmetic in numpy.

Why this shape (measured, see bench/search_speed.py): the covering index
`facility_search` (published, latitude, longitude, services_0..3) answers the
bounding-box read without touching the table, and one vectorised pass then
gives the exact great-circle distance, the AND-of-ORs filter and every facet
count from the same rows. Building the filters as ORM expressions, or one SQL
query per facet, cost several times more per request.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np
from django.db import connection

from directory.geocoding import Point
from directory.service_mask import MASK_WORDS

EARTH_RADIUS_MILES = 3958.7613
# Bounding boxes are widened by this much (degrees) so that rounding can never
# drop a facility the exact distance keeps.
BOX_MARGIN_DEGREES = 1e-6

_MASK_COLUMNS = ", ".join(f"services_{i}" for i in range(MASK_WORDS))
_NAME_CONDITION = " AND (UPPER(name) LIKE %s ESCAPE '!' OR UPPER(program_name) LIKE %s ESCAPE '!')"


@dataclass
class Candidates:
    """Facilities that may match, as columns: ids, distances (or None) and mask words."""

    ids: np.ndarray
    distances: np.ndarray | None
    words: list[np.ndarray]  # MASK_WORDS arrays of int64
    order_keys: list[tuple[str, str]] | None = None  # (city, name) when browsing without a point


def bounding_box(point: Point, radius_miles: float) -> tuple[float, float, float | None, float | None]:
    """(min_lat, max_lat, min_lon, max_lon) holding every point within the radius.

    The longitude bounds are exact for a sphere (the widest point of the circle
    is not on the centre's parallel); they are None when the circle reaches
    over a pole or the antimeridian, and the box is then a latitude band.
    """
    angular = radius_miles / EARTH_RADIUS_MILES
    lat = math.radians(point.latitude)
    min_lat, max_lat = lat - angular, lat + angular
    box_lat = (math.degrees(min_lat) - BOX_MARGIN_DEGREES, math.degrees(max_lat) + BOX_MARGIN_DEGREES)
    if min_lat <= -math.pi / 2 or max_lat >= math.pi / 2:
        return (*box_lat, None, None)
    delta_lon = math.asin(min(1.0, math.sin(angular) / math.cos(lat)))
    min_lon = point.longitude - math.degrees(delta_lon) - BOX_MARGIN_DEGREES
    max_lon = point.longitude + math.degrees(delta_lon) + BOX_MARGIN_DEGREES
    if min_lon < -180 or max_lon > 180:
        return (*box_lat, None, None)
    return (*box_lat, min_lon, max_lon)


def great_circle_miles(point: Point, latitudes: np.ndarray, longitudes: np.ndarray) -> np.ndarray:
    """Haversine distances from `point`, in miles."""
    lat1 = math.radians(point.latitude)
    lat2 = np.radians(latitudes)
    half_dlat = (lat2 - lat1) / 2
    half_dlon = np.radians(longitudes - point.longitude) / 2
    a = np.sin(half_dlat) ** 2 + math.cos(lat1) * np.cos(lat2) * np.sin(half_dlon) ** 2
    return 2 * EARTH_RADIUS_MILES * np.arcsin(np.sqrt(np.clip(a, 0.0, 1.0)))


def like_pattern(text: str) -> str:
    escaped = text.upper().replace("!", "!!").replace("%", "!%").replace("_", "!_")
    return f"%{escaped}%"


def near_point(point: Point, radius_miles: float, name: str = "") -> Candidates:
    min_lat, max_lat, min_lon, max_lon = bounding_box(point, radius_miles)
    sql = (
        f"SELECT id, latitude, longitude, {_MASK_COLUMNS} FROM directory_facility"  # noqa: S608 (constants only)
        " WHERE published = %s AND latitude BETWEEN %s AND %s"
    )
    params: list[Any] = [True, min_lat, max_lat]
    if min_lon is not None and max_lon is not None:
        sql += " AND longitude BETWEEN %s AND %s"
        params += [min_lon, max_lon]
    if name:
        sql += _NAME_CONDITION
        params += [like_pattern(name)] * 2
    rows = _fetch(sql, params)
    ids, latitudes, longitudes, words = _columns(rows)
    distances = great_circle_miles(point, latitudes, longitudes)
    inside = distances <= radius_miles
    return Candidates(ids[inside], distances[inside], [word[inside] for word in words])


def in_state(state: str, city: str = "", name: str = "") -> Candidates:
    sql = (
        f"SELECT id, city, name, {_MASK_COLUMNS} FROM directory_facility"  # noqa: S608 (constants only)
        " WHERE published = %s AND state = %s"
    )
    params: list[Any] = [True, state]
    if city:
        sql += " AND UPPER(city) = %s"
        params.append(city.upper())
    if name:
        sql += _NAME_CONDITION
        params += [like_pattern(name)] * 2
    rows = _fetch(sql, params)
    order_keys = [(row[1].upper(), row[2].upper()) for row in rows]
    table = np.fromiter(((row[0], *row[3:]) for row in rows), dtype=_STATE_ROW, count=len(rows))
    return Candidates(table["id"], None, [table[f"s{i}"] for i in range(MASK_WORDS)], order_keys)


def _fetch(sql: str, params: list[Any]) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


_ROW = np.dtype([("id", "<i8"), ("a", "<f8"), ("b", "<f8")] + [(f"s{i}", "<i8") for i in range(MASK_WORDS)])
_STATE_ROW = np.dtype([("id", "<i8")] + [(f"s{i}", "<i8") for i in range(MASK_WORDS)])


def _columns(rows: list[tuple]) -> tuple[np.ndarray, np.ndarray, np.ndarray, list]:
    """(ids, latitudes, longitudes, words) from (id, lat, lon, services_0..3) rows.

    numpy reads the tuples straight into a record array: eight times faster
    than building the columns through Python lists at 30,000 rows.
    """
    table = np.fromiter(rows, dtype=_ROW, count=len(rows))
    return table["id"], table["a"], table["b"], [table[f"s{i}"] for i in range(MASK_WORDS)]


def offers_any(words: list[np.ndarray], wanted: tuple[int, ...]) -> np.ndarray:
    """Which rows have at least one bit of `wanted` (MASK_WORDS signed words)."""
    hit = np.zeros(len(words[0]), dtype=bool)
    for column, want in zip(words, wanted, strict=True):
        if want:
            hit |= (column & np.int64(want)) != 0
    return hit


def bit_counts(words: list[np.ndarray], rows: np.ndarray) -> np.ndarray:
    """How many of the chosen rows have each of the MASK_WORDS * 64 bits, in one pass.

    Unpacking the words into bits and summing the columns counts every code
    at once, where one test per facet option would walk the rows sixty times.
    """
    if not np.any(rows):
        return np.zeros(MASK_WORDS * 64, dtype=np.int64)
    stacked = np.stack([column[rows] for column in words], axis=1).astype("<i8", copy=False)
    bits = np.unpackbits(stacked.view(np.uint8), axis=1, bitorder="little")
    return bits.sum(axis=0, dtype=np.int64)
