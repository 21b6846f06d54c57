"""Where each published fact of a listing comes from, and when it was last confirmed.

A listing is assembled from sources (a row of a SAMHSA workbook, a
FindTreatment.gov export row) and corrections (a staff edit, later a reviewed
report or the program itself). `Facility.provenance` holds a stamp per fact:

    {"kind": "source", "dataset": "samhsa-nd", "edition": 2023, "confirmed": "2026-12-01"}
    {"kind": "correction", "by": "maria", "edition": 2023, "confirmed": "2026-12-02"}

A correction's edition is the one it corrected. The importer keeps a
correction through re-imports of that edition (or older files) and, when a
newer source disagrees, keeps it and flags the fact for review
(`Facility.review_flags`) instead of overwriting it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from django_stubs_ext import StrPromise

    from directory.models import Facility

SOURCE, CORRECTION = "source", "correction"
AFTER_REPORT = "report"
# Not a fact of FACT_COLUMNS: the stamp of a reviewed correction that the program has closed
# (the listing unpublished). Files of its edition or older do not publish the listing again.
CLOSED = "closed"

# Facts as the importer merges them: a fact is one column, or several that
# only make sense together (a position, the service mask words).
POSITION_COLUMNS = ("latitude", "longitude", "coordinate_precision")
FACT_COLUMNS: dict[str, tuple[str, ...]] = {
    "name": ("name",),
    "program_name": ("program_name",),
    "street1": ("street1",),
    "street2": ("street2",),
    "city": ("city",),
    "state": ("state",),
    "zip_code": ("zip_code",),
    "position": POSITION_COLUMNS,
    "phone": ("phone",),
    "intake_phones": ("intake_phones",),
    "hotline": ("hotline",),
    "website": ("website",),
    "services": (),  # the mask words: directory.service_mask.SERVICE_COLUMNS
}

# What pages and the API date together.
GROUPS: dict[str, tuple[str | StrPromise, tuple[str, ...]]] = {
    "name": (_("Name"), ("name", "program_name")),
    "address": (_("Address and location"), ("street1", "street2", "city", "state", "zip_code", "position")),
    "phones": (_("Phone numbers"), ("phone", "intake_phones", "hotline")),
    "website": (_("Website"), ("website",)),
    "services": (_("Services and payment"), ("services",)),
}
GROUP_OF_FACT = {fact: group for group, (_label, facts) in GROUPS.items() for fact in facts}
GROUP_OF_COLUMN = {column: GROUP_OF_FACT[fact] for fact, columns in FACT_COLUMNS.items() for column in columns}


def columns_of(fact: str) -> tuple[str, ...]:
    from directory.service_mask import SERVICE_COLUMNS

    return SERVICE_COLUMNS if fact == "services" else FACT_COLUMNS[fact]


def source_stamp(dataset: str, edition: int, today: date) -> dict[str, Any]:
    return {"kind": SOURCE, "dataset": dataset, "edition": edition, "confirmed": today.isoformat()}


def correction_stamp(by: str, edition: int, today: date, *, after: str = "") -> dict[str, Any]:
    """`after` names what prompted a staff correction ("report": a visitor's problem report); pages say so."""
    stamp = {"kind": CORRECTION, "by": by, "edition": edition, "confirmed": today.isoformat()}
    return {**stamp, "after": after} if after else stamp


def _correction_described(stamp: dict[str, Any]) -> str:
    if stamp.get("after") == AFTER_REPORT and stamp.get("confirmed"):
        reviewed = date_format(date.fromisoformat(stamp["confirmed"]), "DATE_FORMAT")
        return str(_("Corrected after a report, reviewed on %(date)s") % {"date": reviewed})
    return str(_("corrected after review"))


def stamp_correction(facility: Facility, facts: set[str] | list[str], stamp: dict[str, Any]) -> None:
    """Stamp these facts as corrected (not saved): the importer keeps them, and their flags are settled."""
    facility.provenance = {**(facility.provenance or {}), **dict.fromkeys(facts, stamp)}
    facility.review_flags = {fact: flag for fact, flag in (facility.review_flags or {}).items() if fact not in facts}


def closed_by_correction(stamps: dict[str, Any], edition: int) -> bool:
    held = stamps.get(CLOSED) or {}
    return held.get("kind") == CORRECTION and edition <= held.get("edition", 0)


def facts_of_columns(columns: list[str] | set[str]) -> set[str]:
    """The facts that a change of these columns touches (a changed latitude is the position)."""
    from directory.service_mask import SERVICE_COLUMNS

    facts = {fact for fact, fact_columns in FACT_COLUMNS.items() if set(fact_columns) & set(columns)}
    if set(SERVICE_COLUMNS) & set(columns):
        facts.add("services")
    return facts


def accept_flagged_facts(facility: Facility) -> None:
    """Publish what the newer source said for each flagged fact, stamped as coming from it (not saved)."""
    from directory.bands import band_of

    stamps = dict(facility.provenance or {})
    for fact, flag in (facility.review_flags or {}).items():
        for column, value in zip(columns_of(fact), flag["value"], strict=True):
            setattr(facility, column, value)
        stamps[fact] = {
            "kind": SOURCE, "dataset": flag["dataset"], "edition": flag["edition"], "confirmed": flag["seen"],
        }  # fmt: skip
    facility.longitude_band = band_of(facility.longitude) if facility.longitude is not None else 0
    facility.provenance, facility.review_flags = stamps, {}


@dataclass(frozen=True)
class FactDate:
    """One group of facts as a page shows it: "Phone numbers: SAMHSA National Directory 2023, confirmed ..."."""

    group: str
    label: str | StrPromise
    sources: tuple[str, ...]  # "SAMHSA National Directory 2023", "Corrected by our staff"
    confirmed: date | None  # the oldest confirmation among the group's facts
    corrected: bool
    flagged: bool  # a newer source disagrees and a reviewer has yet to decide


def fact_dates(facility: Facility) -> list[FactDate]:
    from directory.models import Dataset

    stamps = facility.provenance or {}
    flags = facility.review_flags or {}
    dated = []
    for group, (label, facts) in GROUPS.items():
        group_stamps = [stamps[fact] for fact in facts if fact in stamps]
        if not group_stamps:
            continue
        sources = []
        for stamp in group_stamps:
            if stamp.get("kind") == CORRECTION:
                described = _correction_described(stamp)
            else:
                dataset = (
                    Dataset(stamp["dataset"]).label if stamp.get("dataset") in Dataset.values else stamp["dataset"]
                )
                described = f"{dataset} {stamp.get('edition', '')}".strip()
            if described not in sources:
                sources.append(described)
        confirmed = min((date.fromisoformat(s["confirmed"]) for s in group_stamps if s.get("confirmed")), default=None)
        dated.append(
            FactDate(
                group,
                label,
                tuple(sources),
                confirmed,
                corrected=any(s.get("kind") == CORRECTION for s in group_stamps),
                flagged=any(fact in flags for fact in facts),
            )
        )
    return dated
