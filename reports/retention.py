"""How long a reporter's e-mail address is kept when nobody has answered it.

A decided report loses its address as soon as the reply goes out (reports.services);
a report still open after the retention period loses it here, in the daily purge,
so an address is never kept for a reply that may never come.
"""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from intake.audit import audit_record
from intake.choices import AuditAction
from reports.models import ProblemReport


@transaction.atomic
def problem_report_contacts_erase_expired(*, retention_days: int) -> int:
    """Erase the e-mail address and reporter key of reports older than the retention period; return how many."""
    cutoff = timezone.now() - timedelta(days=retention_days)
    due = list(
        ProblemReport.objects.filter(created_at__lt=cutoff)
        .exclude(email="", reporter_key="")
        .values_list("pk", "public_id")
    )
    for _pk, public_id in due:
        audit_record(
            actor=None,
            action=AuditAction.ERASE,
            request_public_id=public_id,
            detail=f"problem report contact erased: retention {retention_days} days",
        )
    ProblemReport.objects.filter(pk__in=[pk for pk, _public_id in due]).update(email="", reporter_key="")
    return len(due)
