"""Program facts as words, for the representative's pages and the staff review: no query in a template."""

import uuid
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.contrib.auth.models import User
from django.db.models import QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from directory.models import Facility
from programs.models import FACT_GROUPS, Openings, StampKind, Weekday
from representatives.facts_form import ProgramFactsForm
from representatives.models import ListingClaim, ProgramUpdate
from representatives.selectors import facts_now, updates_waiting

GROUP_LABELS = {
    "schedule": gettext_lazy("Schedule"),
    "openings": gettext_lazy("New clients"),
    "contact": gettext_lazy("Intake phone and website"),
    "details": gettext_lazy("Virtual IOP, languages and insurance"),
}


@dataclass(frozen=True)
class GroupDate:
    label: str
    on: date
    by_program: bool


@dataclass(frozen=True)
class ListingSummary:
    facility: Facility
    waiting_since: datetime | None
    dates: list[GroupDate]


@dataclass(frozen=True)
class ChangeRow:
    label: str
    before: str
    after: str


def stamps_shown(stamps: dict[str, dict[str, str]]) -> list[GroupDate]:
    return [
        GroupDate(str(GROUP_LABELS[group]), datetime.fromisoformat(stamps[group]["at"]).date(),
                  stamps[group]["kind"] == StampKind.PROGRAM)
        for group in FACT_GROUPS
        if group in stamps
    ]  # fmt: skip


def listing_summaries(facilities: QuerySet[Facility]) -> list[ListingSummary]:
    summaries = []
    for facility in facilities:
        _values, stamps = facts_now(facility)
        first_waiting = updates_waiting(facility).first()
        summaries.append(
            ListingSummary(facility, first_waiting.submitted_at if first_waiting else None, stamps_shown(stamps))
        )
    return summaries


def describe(field: str, value: Any) -> str:
    """One fact as a reviewer reads it; "not stated" for what the program has not said."""
    if value is None or value == "" or value == []:
        return _("Not stated")
    if field == "iop_days":
        return ", ".join(str(Weekday(day).label) for day in value if day in Weekday.values)
    if field == "openings":
        return str(Openings(value).label) if value in Openings.values else str(value)
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, list):
        return ", ".join(str(item) for item in value)
    return str(value)


def change_rows(update: ProgramUpdate, values_now: dict[str, Any]) -> list[ChangeRow]:
    """Each submitted fact beside what it replaced (once shown) or what the listing says now (while waiting)."""
    fields = ProgramFactsForm.base_fields
    rows = []
    for field, value in update.changes.items():
        before = update.previous.get(field, values_now.get(field)) if update.previous else values_now.get(field)
        rows.append(ChangeRow(str(fields[field].label), describe(field, before), describe(field, value)))
    return rows


@dataclass(frozen=True)
class DecidedRow:
    """One decided claim or reviewed update, as the staff queues list them."""

    when: datetime | None
    facility: Facility
    decision: str
    decided_by: User | None
    public_id: uuid.UUID
    kind: str  # "claim" or "update": the staff page it opens

    @classmethod
    def of_claim(cls, claim: ListingClaim) -> "DecidedRow":
        return cls(
            claim.decided_at, claim.facility, claim.get_status_display(), claim.decided_by, claim.public_id, "claim"
        )

    @classmethod
    def of_update(cls, update: ProgramUpdate) -> "DecidedRow":
        status = update.get_status_display()
        return cls(update.reviewed_at, update.facility, status, update.reviewed_by, update.public_id, "update")

    @property
    def program(self) -> str:
        return self.facility.display_name

    @property
    def by(self) -> str:
        return self.decided_by.get_username() if self.decided_by else ""

    @property
    def url(self) -> str:
        return reverse(f"representatives_staff:{self.kind}", args=[self.public_id])

    @property
    def short_id(self) -> str:
        return str(self.public_id)[:8]
