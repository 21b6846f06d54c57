"""The search itself: the candidates of a bounding box, then exact arithmetic in numpy.

Why this shape (measured, see bench/search_speed.py): the candidates come
from this process's snapshot of the search columns (directory.search.snapshot),
or, for a name search, from the covering index `facility_search`
(published, longitude_band, latitude, longitude, services_0..3) without
touching the table. One vectorised pass then gives the exact great-circle
distance, the AND-of-ORs filter and every facet count from the same rows.
Building the filters as ORM expressions, or one SQL query per facet, cost
several times more per request.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np
from django.db import connection

from directory.bands import bands_between
from directory.geocoding import Point
from directory.revision import held_on_revision
from directory.search import snapshot
from directory.search.states import STATE_NAMES
from directory.service_mask import MASK_WORDS

EARTH_RADIUS_MILES = 3958.7613
# Bounding boxes are widened by this much (degrees) so that rounding can never
# drop a facility the exact distance keeps.
BOX_MARGIN_DEGREES = 1e-6

MASK_COLUMNS = ", ".join(f"services_{i}" for i in range(MASK_WORDS))
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
    is not on the center's parallel); they are None when the circle reaches
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
    held = None if name else snapshot.current()
    if held is not None:
        rows = held.in_box(min_lat, max_lat, min_lon, max_lon)
        ids, latitudes, longitudes = held.ids[rows], held.latitudes[rows], held.longitudes[rows]
        words = [word[rows] for word in held.words]
    else:  # a name to match, or no snapshot: the same box from the database
        ids, latitudes, longitudes, words = _columns(read_table(*_box_query(min_lat, max_lat, min_lon, max_lon, name)))
    distances = great_circle_miles(point, latitudes, longitudes)
    inside = distances <= radius_miles
    return Candidates(ids[inside], distances[inside], [word[inside] for word in words])


def _box_query(
    min_lat: float, max_lat: float, min_lon: float | None, max_lon: float | None, name: str
) -> tuple[str, list[Any]]:
    sql = f"SELECT id, latitude, longitude, {MASK_COLUMNS} FROM directory_facility WHERE published = %s"  # noqa: S608 (constants only)  # nosec B608
    params: list[Any] = [True]
    if min_lon is not None and max_lon is not None:
        # One index seek per longitude band, each reading only the box's latitudes.
        bands = bands_between(min_lon, max_lon)
        sql += f" AND longitude_band IN ({', '.join(['%s'] * len(bands))})"
        params += bands
    # A box over a pole or the antimeridian reads a latitude band of every
    # longitude: slower, and found nowhere the directory lists.
    sql += " AND latitude BETWEEN %s AND %s"
    params += [min_lat, max_lat]
    if min_lon is not None and max_lon is not None:
        sql += " AND longitude BETWEEN %s AND %s"
        params += [min_lon, max_lon]
    if name:
        sql += _NAME_CONDITION
        params += [like_pattern(name)] * 2
    return sql, params


def in_state(state: str, city: str = "", name: str = "", near: Point | None = None) -> Candidates:
    """A state's (or city's) facilities: by city and name, or by distance from `near` when it is given."""
    if city or name or state not in STATE_NAMES:
        table, order_keys = _state_table(state, city, name)
    else:
        # A whole state is read up to four times by one empty result's ways out (directory.search.alternatives),
        # and again by the next search there: held per revision (one entry per known state, so a bounded
        # number), only the distances are per request.
        table, order_keys = held_on_revision(f"in-state:{state}", lambda: _state_table(state))
    distances = great_circle_miles(near, table["a"], table["b"]) if near is not None else None
    return Candidates(table["id"], distances, [table[f"s{i}"] for i in range(MASK_WORDS)], order_keys)


def _state_table(state: str, city: str = "", name: str = "") -> tuple[np.ndarray, list[tuple[str, str]]]:
    sql = (
        f"SELECT id, city, name, latitude, longitude, {MASK_COLUMNS} FROM directory_facility"  # noqa: S608 (constants only)  # nosec B608
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
    # A listing of unknown location has no coordinates: NaN keeps it in the state's list, last by distance.
    table = np.fromiter(
        ((row[0], _known(row[3]), _known(row[4]), *row[5:]) for row in rows), dtype=_ROW, count=len(rows)
    )
    table.flags.writeable = False  # shared by every search of the revision in this process
    return table, order_keys


def everywhere(name: str = "") -> Candidates:
    """Every published facility (with `name` in its names): no distances, no order keys (they go by id)."""
    held = None if name else snapshot.current()
    if held is not None:
        return Candidates(held.ids, None, list(held.words))
    sql = f"SELECT id, {MASK_COLUMNS} FROM directory_facility WHERE published = %s"  # noqa: S608 (constants only)  # nosec B608
    params: list[Any] = [True]
    if name:
        sql += _NAME_CONDITION
        params += [like_pattern(name)] * 2
    rows = _fetch(sql, params)
    table = np.fromiter(rows, dtype=_STATE_ROW, count=len(rows))
    return Candidates(table["id"], None, [table[f"s{i}"] for i in range(MASK_WORDS)])


def _fetch(sql: str, params: list[Any]) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _known(coordinate: float | None) -> float:
    return math.nan if coordinate is None else coordinate


_ROW = np.dtype([("id", "<i8"), ("a", "<f8"), ("b", "<f8")] + [(f"s{i}", "<i8") for i in range(MASK_WORDS)])
_STATE_ROW = np.dtype([("id", "<i8")] + [(f"s{i}", "<i8") for i in range(MASK_WORDS)])


# PostgreSQL's binary COPY rows of the same columns: a field count, then each
# field as its length and its big-endian value (none is ever NULL: every query
# reading them bounds the latitude, which leaves out listings of unknown location).
_COPIED_COLUMNS = [("id", ">i8"), ("a", ">f8"), ("b", ">f8")] + [(f"s{i}", ">i8") for i in range(MASK_WORDS)]
_COPY_ROW = np.dtype(
    [("fields", ">i2")] + [item for name, kind in _COPIED_COLUMNS for item in ((f"n_{name}", ">i4"), (name, kind))]
)
_COPY_HEADER_BYTES, _COPY_TRAILER_BYTES = 19, 2


def read_table(sql: str, params: list[Any]) -> np.ndarray:
    """The (id, lat, lon, services_0..3) rows as a record array.

    Building a Python tuple per row costs most of a search at tens of
    thousands of rows, so PostgreSQL sends them as binary COPY that numpy
    reads in place (psycopg binds the parameters); SQLite's tuples go into
    numpy directly.
    """
    if connection.vendor != "postgresql":
        rows = _fetch(sql, params)
        return np.fromiter(rows, dtype=_ROW, count=len(rows))
    with connection.cursor() as cursor:
        raw_cursor: Any = cursor.cursor
        with raw_cursor.copy(f"COPY ({sql}) TO STDOUT (FORMAT BINARY)", params) as copy:
            data = b"".join(bytes(chunk) for chunk in copy)
    body = data[_COPY_HEADER_BYTES : len(data) - _COPY_TRAILER_BYTES]
    copied = np.frombuffer(body, dtype=_COPY_ROW)
    table = np.empty(len(copied), dtype=_ROW)
    for name in _ROW.names or ():
        table[name] = copied[name]
    return table


def _columns(table: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray, list]:
    """(ids, latitudes, longitudes, words) of a record array of _ROW."""
    return table["id"], table["a"], table["b"], [table[f"s{i}"] for i in range(MASK_WORDS)]


def offers_any(words: list[np.ndarray], wanted: tuple[int, ...]) -> np.ndarray:
    """Which rows have at least one bit of `wanted` (MASK_WORDS signed words)."""
    hit = np.zeros(len(words[0]), dtype=bool)
    for column, want in zip(words, wanted, strict=True):
        if want:
            hit |= (column & np.int64(want)) != 0
    return hit


# Row b of this table holds the eight bits of the byte value b, lowest first;
# as floats, so the product below is one BLAS call (counts stay exact below 2**53).
_BYTE_BITS = np.unpackbits(np.arange(256, dtype=np.uint8)[:, None], axis=1, bitorder="little").astype(np.float64)
_MASK_BYTES = MASK_WORDS * 8
# Byte j of a row is counted in bins 256 * j to 256 * j + 255.
_BYTE_BINS = np.arange(_MASK_BYTES, dtype=np.intp) * 256


def mask_octets(words: list[np.ndarray]) -> np.ndarray:
    """Each row's service mask as its MASK_WORDS * 8 bytes (byte j holds bits 8j to 8j + 7), for bit_counts."""
    return np.stack(words, axis=1).astype("<i8", copy=False).view(np.uint8)


def bit_counts(octets: np.ndarray) -> np.ndarray:
    """How many of the rows have each of the MASK_WORDS * 64 bits; `octets` is mask_octets of those rows.

    One histogram of the byte values at each byte of the masks, then each
    value's bits: unpacking every row into 256 bits and summing them cost
    twice as much at tens of thousands of rows (and one test per facet option
    would walk the rows sixty times).
    """
    histograms = np.bincount((octets + _BYTE_BINS).ravel(), minlength=_MASK_BYTES * 256)
    return (histograms.reshape(_MASK_BYTES, 256) @ _BYTE_BITS).astype(np.int64).reshape(-1)
