"""Every published facility's position and services, held as numpy columns in each process.

At a million facilities a 25-mile search in a dense city reads some 35,000
rows; the database finds them in 2-3 ms, but turning them into Python rows
cost over 30 ms (bench/search_speed.py). Held here, sorted by longitude, the
same bounding box is two binary searches and a mask.

Exact, never stale: the database's revision token (directory.revision)
changes with every write to the facility table, and each search reads the
token first and rebuilds this copy when it differs. Without a token (a
database emptied wholesale) the search reads the database as before.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from directory.revision import directory_revision
from directory.service_mask import MASK_WORDS


@dataclass(frozen=True)
class Snapshot:
    token: str
    ids: np.ndarray
    latitudes: np.ndarray
    longitudes: np.ndarray  # ascending
    words: list[np.ndarray]

    def in_box(self, min_lat: float, max_lat: float, min_lon: float | None, max_lon: float | None) -> np.ndarray:
        """Positions of the facilities inside the box (every longitude when the box has none)."""
        start, stop = 0, len(self.ids)
        if min_lon is not None and max_lon is not None:
            start = int(np.searchsorted(self.longitudes, min_lon, side="left"))
            stop = int(np.searchsorted(self.longitudes, max_lon, side="right"))
        latitudes = self.latitudes[start:stop]
        return start + np.flatnonzero((latitudes >= min_lat) & (latitudes <= max_lat))


_held: Snapshot | None = None


def current() -> Snapshot | None:
    """This process's snapshot, rebuilt first when the database has changed since; None without a token."""
    global _held
    token = directory_revision()
    if not token:
        return None
    if _held is None or _held.token != token:
        _held = _load(token)
    return _held


def _load(token: str) -> Snapshot:
    # The token was read before the rows: a write in between makes the copy
    # newer than its token, and the next search simply rebuilds it.
    from directory.search.engine import MASK_COLUMNS, read_table

    table = read_table(
        # A listing of unknown location is found by state and name, never by distance.
        f"SELECT id, latitude, longitude, {MASK_COLUMNS} FROM directory_facility"  # noqa: S608 (constants only)  # nosec B608
        " WHERE published = %s AND latitude IS NOT NULL AND longitude IS NOT NULL",
        [True],
    )
    table = table[np.argsort(table["b"], kind="stable")]
    return Snapshot(
        token,
        np.ascontiguousarray(table["id"]),
        np.ascontiguousarray(table["a"]),
        np.ascontiguousarray(table["b"]),
        [np.ascontiguousarray(table[f"s{i}"]) for i in range(MASK_WORDS)],
    )
