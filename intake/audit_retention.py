"""The one way audit entries leave the log: the retention purge, which keeps a count per month and action."""

import datetime
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Count, F, QuerySet
from django.db.models.functions import TruncMonth
from django.utils import timezone

from intake.audit import audit_record
from intake.choices import AuditAction
from intake.models import AuditEntry, AuditPurgePermit, AuditTally


@dataclass(frozen=True)
class AuditPurgeResult:
    purged: int
    cutoff: datetime.datetime


@transaction.atomic
def audit_entries_purge(*, retention_days: int, now: datetime.datetime | None = None) -> AuditPurgeResult:
    """Remove entries older than `retention_days` (their actors' names and addresses with them), tallying them."""
    cutoff = (now or timezone.now()) - datetime.timedelta(days=retention_days)
    due = AuditEntry.objects.filter(at__lt=cutoff)
    per_month = due.annotate(month=TruncMonth("at")).values("month", "action").annotate(n=Count("pk")).order_by()
    for row in per_month:
        month = row["month"].date() if isinstance(row["month"], datetime.datetime) else row["month"]
        tally, _ = AuditTally.objects.get_or_create(month=month, action=row["action"])
        AuditTally.objects.filter(pk=tally.pk).update(count=F("count") + row["n"])
    purged = delete_audit_entries(due)
    if purged:
        audit_record(actor=None, action=AuditAction.PURGE, detail=f"{purged} entries before {cutoff.date()}")
    return AuditPurgeResult(purged=purged, cutoff=cutoff)


def delete_audit_entries(entries: QuerySet[AuditEntry]) -> int:
    """Delete past the triggers, under a permit that lives inside this transaction only.

    For the retention purge above, and for emptying a test database; nothing else.
    """
    with transaction.atomic():
        permit = AuditPurgePermit.objects.create()
        # _raw_delete: one DELETE statement, past the queryset's own refusal; the permit lets the trigger accept it.
        deleted = entries._raw_delete(entries.db)
        AuditPurgePermit.objects.filter(pk=permit.pk).delete()
    return deleted
