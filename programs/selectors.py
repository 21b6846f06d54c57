"""What a program says of itself, arranged for its listing's page and the API: each group with who and when.

Nothing the program has not said is shown, and an answer about openings
older than 30 days is replaced by "ask when you call" (programs.freshness).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from django.utils.translation import gettext_lazy as _

from directory.freshness import newest_confirmation, out_of_date
from directory.models import Facility
from directory.phones import Phone, parse_phone
from programs import freshness
from programs.models import FACT_GROUPS, ProgramFacts, StampKind, Weekday

if TYPE_CHECKING:
    from django_stubs_ext import StrPromise


@dataclass(frozen=True)
class Stamp:
    kind: str  # programs.models.StampKind: program, staff or sample
    on: date


@dataclass(frozen=True)
class ProgramPage:
    facts: ProgramFacts
    stamps: dict[str, Stamp]  # by group, for the groups with something to show
    days: list[str]  # the weekdays' names, in the visitor's language
    tracks: list[str]  # the groups the program runs (daytime, evening, weekend), in the visitor's language
    openings_stale: bool  # an answer about openings is too old to show
    intake: Phone | None

    @property
    def sample(self) -> bool:
        return any(stamp.kind == StampKind.SAMPLE for stamp in self.stamps.values())


def facts_of(facility: Facility) -> ProgramFacts | None:
    """The facility's program facts, or None; no query when they were fetched with select_related."""
    try:
        return facility.program_facts
    except ProgramFacts.DoesNotExist:
        return None


def said(facts: ProgramFacts, group: str) -> bool:
    """Whether the program has given anything in this group (empty and null are "has not said")."""
    return any(getattr(facts, field) not in (None, "", []) for field in FACT_GROUPS[group])


def group_stamp(facts: ProgramFacts, group: str) -> Stamp | None:
    stamp = facts.stamps.get(group)
    day = freshness.stamp_day(stamp)
    return Stamp(stamp["kind"], day) if stamp and day else None


def openings_current(facts: ProgramFacts, today: date) -> bool:
    """Whether the program's answer about openings can be shown today."""
    stamp = group_stamp(facts, "openings")
    return bool(facts.openings) and stamp is not None and freshness.openings_fresh(stamp.on, today)


def program_page(facts: ProgramFacts | None) -> ProgramPage | None:
    """What the page shows of a listing's program facts (facts_of()), or None when there is nothing to show."""
    if facts is None:
        return None
    stamps = {}
    for group in FACT_GROUPS:
        stamp = group_stamp(facts, group)
        if stamp is not None and said(facts, group):
            stamps[group] = stamp
    stale = "openings" in stamps and not openings_current(facts, freshness.today())
    if not stamps:
        return None
    labels = dict(Weekday.choices)
    tracks = [str(name) for name, offered in _tracks(facts) if offered]
    return ProgramPage(
        facts=facts,
        stamps=stamps,
        days=[str(labels[day]) for day in Weekday.values if day in facts.iop_days],
        tracks=tracks,
        openings_stale=stale,
        intake=parse_phone(facts.intake_phone) if facts.intake_phone else None,
    )


def _tracks(facts: ProgramFacts) -> list[tuple[StrPromise, bool | None]]:
    return [(_("daytime"), facts.day_track), (_("evening"), facts.evening_track), (_("weekend"), facts.weekend_track)]


def listing_unconfirmed_since(facility: Facility, facts: ProgramFacts | None) -> date | None:
    """The newest confirmation of any kind, when it is so old that the listing may be out of date."""
    newest = newest_confirmation(facility.provenance, facts.stamps if facts is not None else None)
    return newest if out_of_date(newest, freshness.today()) else None
