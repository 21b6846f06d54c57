"""What programs say of themselves, held as sorted columns the search tests its candidates against.

The service masks hold what imports write (SAMHSA's codes), and imports
rewrite them; a program's own facts (programs.ProgramFacts) stay in their own
table. This process reads the few searchable ones once per revision of the
directory: a trigger renews the revision on every write to that table
(directory.search.triggers), so a program's change is found by the next search.

"Taking new clients" is held with the day it was said and compared with
today at each search, so it stops matching 30 days later with no write at all.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date

import numpy as np
from django.db import connection

from directory.revision import held_on_revision
from programs import freshness
from programs.freshness import OPENINGS_FRESH_DAYS, stamp_day
from programs.models import Openings

EVENING_WEEKEND, TAKING_NEW_CLIENTS, VIRTUAL_IOP = "evening-weekend", "taking-new-clients", "virtual-iop"
FACTS = (EVENING_WEEKEND, TAKING_NEW_CLIENTS, VIRTUAL_IOP)
_NEVER = 0  # the day number of a "yes" never said


@dataclass(frozen=True)
class ProgramIndex:
    ids: np.ndarray  # facility ids with any searchable fact, ascending
    evening_weekend: np.ndarray  # bool, by position in ids
    virtual: np.ndarray  # bool
    open_day: np.ndarray  # int64: the day ("yes") was said, as date.toordinal(); _NEVER otherwise

    def column(self, fact: str, on: date) -> np.ndarray:
        if fact == EVENING_WEEKEND:
            return self.evening_weekend
        if fact == VIRTUAL_IOP:
            return self.virtual
        if fact == TAKING_NEW_CLIENTS:
            return self.open_day >= on.toordinal() - OPENINGS_FRESH_DAYS
        raise KeyError(fact)


@dataclass
class CandidateFacts:
    """Which of one search's candidates have each fact: one binary search of their ids, then a look-up a fact."""

    index: ProgramIndex
    candidate_ids: np.ndarray
    _on: date | None = None
    _positions: tuple[np.ndarray, np.ndarray] | None = None
    _has: dict[str, np.ndarray] = field(default_factory=dict)

    @property
    def on(self) -> date:
        """The day the search is made: read when first needed, as most searches never ask (a clock read
        cost a sixth of finding a search's candidates)."""
        if self._on is None:
            self._on = freshness.today()
        return self._on

    @property
    def empty(self) -> bool:
        return not len(self.index.ids) or not len(self.candidate_ids)

    def has(self, fact: str) -> np.ndarray:
        held = self._has.get(fact)
        if held is None:
            if self.empty:
                held = np.zeros(len(self.candidate_ids), dtype=bool)
            else:
                positions, known = self._located()
                held = known & self.index.column(fact, self.on)[positions]
            self._has[fact] = held
        return held

    def _located(self) -> tuple[np.ndarray, np.ndarray]:
        if self._positions is None:
            ids = self.index.ids
            positions = np.minimum(np.searchsorted(ids, self.candidate_ids), len(ids) - 1)
            self._positions = (positions, ids[positions] == self.candidate_ids)
        return self._positions


def candidate_facts(candidate_ids: np.ndarray, revision: str | None = None) -> CandidateFacts:
    """The facts of these candidates; `revision` is the token the caller already read (read here when none)."""
    return CandidateFacts(current(revision), candidate_ids)


def current(revision: str | None = None) -> ProgramIndex:
    return held_on_revision("program-index", _load, revision or None)


_SQL = (
    "SELECT facility_id, evening_track, weekend_track, virtual_iop, openings, stamps FROM programs_programfacts"
    " WHERE evening_track = %s OR weekend_track = %s OR virtual_iop = %s OR openings = %s ORDER BY facility_id"
)


def _load() -> ProgramIndex:
    with connection.cursor() as cursor:
        cursor.execute(_SQL, [True, True, True, Openings.YES])
        rows = cursor.fetchall()
    open_days = []
    for row in rows:
        stamps = json.loads(row[5]) if isinstance(row[5], str | bytes) else row[5] or {}
        stated = stamp_day(stamps.get("openings")) if row[4] == Openings.YES else None
        open_days.append(stated.toordinal() if stated is not None else _NEVER)
    return ProgramIndex(
        np.fromiter((row[0] for row in rows), dtype=np.int64, count=len(rows)),
        np.fromiter((bool(row[1]) or bool(row[2]) for row in rows), dtype=bool, count=len(rows)),
        np.fromiter((bool(row[3]) for row in rows), dtype=bool, count=len(rows)),
        np.array(open_days, dtype=np.int64),
    )
