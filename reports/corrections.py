"""What accepting a report changes on the listing, by kind, through the directory's correction stamps.

Each change is stamped as a reviewed correction made after a report
(directory.provenance), so the importer keeps it through re-imports of its
edition and flags it when a newer edition disagrees, exactly as a staff edit.
Payment and other reports change nothing here: the reviewer makes any change
in the admin (stamped there) and records what they did in the report's outcome.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from directory.geocoding import locate, zip_centroids
from directory.models import Facility
from directory.provenance import AFTER_REPORT, CLOSED, correction_stamp, facts_of_columns, stamp_correction
from directory.selectors import IOP_CODE, service_word
from directory.service_mask import SERVICE_COLUMNS
from reports.models import Kind

ADDRESS_COLUMNS = ("street1", "street2", "city", "zip_code")


def _relocated(facility: Facility) -> list[str]:
    """A new street or ZIP code makes the old position wrong: put the listing at its ZIP (or city) center."""
    found = locate(
        source=None,
        street=None,
        zip_code=facility.zip_code,
        city=facility.city,
        state=facility.state,
        zip_centers=zip_centroids([facility.zip_code]),
    )
    facility.latitude = found.point.latitude if found.point else None
    facility.longitude = found.point.longitude if found.point else None
    facility.coordinate_precision = found.precision
    return ["latitude", "longitude", "coordinate_precision"]


def _without_iop(facility: Facility) -> list[str]:
    found = service_word(IOP_CODE)
    if found is None:
        return []
    word, bit = found
    column = SERVICE_COLUMNS[word]
    value = getattr(facility, column)
    if not value & bit:
        return []
    setattr(facility, column, value & ~bit)
    return [column]


def correct_listing(*, facility: Facility, kind: str, values: dict[str, Any], by: str, today: date) -> list[str]:
    """Change the listing as the accepted report says (not saved); returns the facts changed, stamped."""
    changed: list[str] = []
    if kind == Kind.PHONE and values["phone"] != facility.phone:
        facility.phone = values["phone"]
        changed = ["phone"]
    elif kind == Kind.ADDRESS:
        changed = [column for column in ADDRESS_COLUMNS if values[column] != getattr(facility, column)]
        for column in changed:
            setattr(facility, column, values[column])
        if {"street1", "zip_code"} & set(changed):
            changed += _relocated(facility)
    elif kind == Kind.NO_IOP:
        changed = _without_iop(facility)
    stamp = correction_stamp(by, facility.edition, today, after=AFTER_REPORT)
    facts = sorted(facts_of_columns(changed))
    if kind == Kind.CLOSED and facility.published:
        facility.published = False
        facts = [CLOSED]
    stamp_correction(facility, facts, stamp)
    return facts
