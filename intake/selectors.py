"""Reads of coverage requests for the back office and for retention."""

import datetime
import uuid

from django.db.models import Count, QuerySet
from django.utils import timezone

from intake.choices import Status
from intake.models import CoverageRequest


def coverage_requests_by_status(status: str | None) -> QuerySet[CoverageRequest]:
    # `only` keeps the encrypted columns out of the list: listing decrypts nothing.
    requests = CoverageRequest.objects.only(
        "public_id", "created_at", "status", "status_changed_at", "state", "carrier", "facility"
    ).select_related("facility")
    if status:
        requests = requests.filter(status=status)
    return requests


def coverage_request_counts() -> dict[str, int]:
    counts = dict(CoverageRequest.objects.values_list("status").annotate(n=Count("pk")).values_list("status", "n"))
    return {status: counts.get(status, 0) for status in Status.values}


def coverage_request_get(public_id: uuid.UUID) -> CoverageRequest | None:
    return CoverageRequest.objects.select_related("facility", "share_facility").filter(public_id=public_id).first()


def coverage_requests_due_for_erasure(
    *, retention_days: int, now: datetime.datetime | None = None
) -> list[CoverageRequest]:
    cutoff = (now or timezone.now()) - datetime.timedelta(days=retention_days)
    return list(CoverageRequest.objects.filter(status=Status.CLOSED, status_changed_at__lt=cutoff))
