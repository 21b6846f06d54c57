"""How a source row's facts meet the published listing they describe, fact by fact.

Pure: given the listing as stored and the listing as the row would make it,
decide each fact (directory.provenance.FACT_COLUMNS) and stamp where it came
from. The rules, in order:

1. A reviewed correction stands (a listing closed by one stays unpublished) through re-imports of the edition it
   corrected and through older files. A newer source that says the same
   confirms it; a newer source that disagrees flags the fact for review and
   changes nothing.
2. A source never blanks a fact its format does not carry (the national
   directory workbook has no website, hotline or coordinates).
3. An older source than the listing's own edition only fills what is
   missing or improves a position (a FindTreatment.gov coordinate for the same
   address beats a ZIP center); it never replaces newer facts.
4. A position worked out from the ZIP or the city never replaces a better one
   for an unchanged address.
5. Otherwise the row's value is published, stamped with its dataset and edition.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from directory.bands import band_of
from directory.models import CoordinatePrecision, Dataset, Facility
from directory.provenance import CLOSED, CORRECTION, FACT_COLUMNS, closed_by_correction, columns_of, source_stamp

# Facts a source's file has no column for: an empty value there means "not said", not "none".
NOT_CARRIED = {Dataset.NATIONAL_DIRECTORY.value: frozenset({"website", "hotline"})}
WORKED_OUT = frozenset(
    {CoordinatePrecision.ZIP.value, CoordinatePrecision.CITY.value, CoordinatePrecision.UNKNOWN.value}
)


def fact_value(facility: Facility, fact: str) -> tuple[Any, ...]:
    return tuple(getattr(facility, column) for column in columns_of(fact))


def _set_fact(facility: Facility, fact: str, value: tuple[Any, ...]) -> None:
    for column, item in zip(columns_of(fact), value, strict=True):
        setattr(facility, column, item)
    if fact == "position":
        facility.longitude_band = band_of(facility.longitude) if facility.longitude is not None else 0


def _is_empty(value: tuple[Any, ...]) -> bool:
    return all(item in ("", None, [], 0) for item in value)


def _worse_position(current: Facility, incoming: Facility, *, address_moved: bool) -> bool:
    """A ZIP or city center offered for an unchanged address that already has a better position."""
    return (
        not address_moved
        and incoming.coordinate_precision in WORKED_OUT
        and current.coordinate_precision not in WORKED_OUT
    )


def _fills_a_gap(fact: str, current: Facility, mine: tuple[Any, ...], theirs: tuple[Any, ...]) -> bool:
    """What an older source may still give: a fact the listing lacks, or a real position for a worked-out one."""
    if _is_empty(theirs):
        return False
    return _is_empty(mine) or (fact == "position" and current.coordinate_precision in WORKED_OUT)


def stamp_new_listing(facility: Facility, *, today: date) -> None:
    """Provenance for a listing a row creates: every fact the row gives comes from it."""
    stamp = source_stamp(facility.dataset, facility.edition, today)
    carried_not = NOT_CARRIED.get(facility.dataset, frozenset())
    facility.provenance = {fact: stamp for fact in FACT_COLUMNS if fact not in carried_not}
    facility.review_flags = {}


def merge_into(current: Facility, incoming: Facility, *, today: date) -> int:
    """Publish on `current` what `incoming` (a source row's listing) may change; returns the facts flagged."""
    stamps = dict(current.provenance or {})
    flags = dict(current.review_flags or {})
    edition, dataset = incoming.edition, incoming.dataset
    stamp = source_stamp(dataset, edition, today)
    older = edition < current.edition
    address_moved = fact_value(current, "street1") != fact_value(incoming, "street1") or (
        fact_value(current, "zip_code") != fact_value(incoming, "zip_code")
    )
    flagged = 0
    for fact in FACT_COLUMNS:
        if fact in NOT_CARRIED.get(dataset, ()):
            continue
        mine, theirs = fact_value(current, fact), fact_value(incoming, fact)
        held = stamps.get(fact) or {}
        if held.get("kind") == CORRECTION:
            if edition <= held.get("edition", 0):
                continue
            if mine == theirs:
                stamps[fact] = stamp
                flags.pop(fact, None)
            else:
                flags[fact] = {"value": list(theirs), "dataset": dataset, "edition": edition, "seen": str(today)}
                flagged += 1
            continue
        if fact == "position" and _worse_position(current, incoming, address_moved=address_moved):
            continue
        if older and not _fills_a_gap(fact, current, mine, theirs):
            continue
        _set_fact(current, fact, theirs)
        stamps[fact] = stamp
    # A listing a reviewer closed stays closed through its own edition; a newer edition that
    # lists it again is newer evidence than the report, and publishes it.
    current.published = not closed_by_correction(stamps, edition)
    if current.published:
        stamps.pop(CLOSED, None)
    current.provenance, current.review_flags = stamps, flags
    current.identity_key, current.content_hash = incoming.identity_key, incoming.content_hash
    current.last_seen_edition = max(current.last_seen_edition, edition)
    if not older:
        current.edition = edition
        if dataset == Dataset.NATIONAL_DIRECTORY:
            current.dataset = dataset  # the directory itself takes over a listing first known from an export
    current.updated_at = incoming.updated_at
    return flagged
