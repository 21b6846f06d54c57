"""Reads: the review queue, one report, and the marks a listing's page shows while reports wait."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from django.conf import settings
from django.db.models import Count, QuerySet
from django.utils.translation import gettext_lazy as _

from directory.models import Facility
from directory.provenance import fact_dates
from reports.models import Kind, ProblemReport, Status

if TYPE_CHECKING:
    from django_stubs_ext import StrPromise

# Kinds that mark the page while independent reports wait, with the message and the facts they concern.
MARKED_KINDS: dict[str, tuple[str | StrPromise, str]] = {
    Kind.PHONE: (_("Reported: the phone number may be wrong."), "phones"),
    Kind.CLOSED: (_("Reported: this program may have closed."), "name"),
}


def open_reports() -> QuerySet[ProblemReport]:
    return (
        ProblemReport.objects.filter(status=Status.OPEN)
        .select_related("facility")
        .annotate(duplicate_count=Count("duplicates"))
        .order_by("created_at", "pk")
    )


def report_get(public_id: uuid.UUID) -> ProblemReport | None:
    return ProblemReport.objects.select_related("facility", "merged_into").filter(public_id=public_id).first()


def merge_candidates(report: ProblemReport) -> QuerySet[ProblemReport]:
    """The other open reports about the same listing: what this one may be a duplicate of."""
    return ProblemReport.objects.filter(facility_id=report.facility_id, status=Status.OPEN).exclude(pk=report.pk)


def independent_reporters(facility: Facility) -> dict[str, int]:
    """Distinct reporters per kind among reports waiting for review (open, or merged into an open one)."""
    waiting = ProblemReport.objects.filter(
        facility=facility, kind__in=list(MARKED_KINDS), status__in=[Status.OPEN, Status.MERGED]
    ).exclude(reporter_key="")
    counted = waiting.values("kind").annotate(reporters=Count("reporter_key", distinct=True))
    return {row["kind"]: row["reporters"] for row in counted}


@dataclass(frozen=True)
class ReportMark:
    kind: str
    message: str | StrPromise
    last_checked: date | None


def report_marks(facility: Facility) -> list[ReportMark]:
    """What the page says while independent reports of a wrong phone or a closure wait for a reviewer."""
    counts = independent_reporters(facility)
    wanted = [kind for kind in MARKED_KINDS if counts.get(kind, 0) >= settings.REPORT_MARK_MIN_REPORTERS]
    if not wanted:
        return []
    confirmed = {fact.group: fact.confirmed for fact in fact_dates(facility)}
    return [ReportMark(kind, MARKED_KINDS[kind][0], confirmed.get(MARKED_KINDS[kind][1])) for kind in wanted]
