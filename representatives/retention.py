"""How long the personal details of a decided listing claim are kept.

A verified claim's person lives on as the representative account (name and
e-mail, needed to sign in); the claim itself keeps only what staff checked:
the listing, the number dialled, who decided and when. A declined claim keeps
the same. The claimant's name, role, e-mail, call-back phone and the name of
whoever staff spoke to are erased once the decision is older than the
retention period.
"""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from intake.audit import audit_record
from intake.choices import AuditAction
from representatives.models import ClaimStatus, ListingClaim

PERSONAL_FIELDS = ("full_name", "role", "email", "callback_phone", "spoke_with")


@transaction.atomic
def listing_claims_erase_expired(*, retention_days: int) -> int:
    """Erase the personal details of claims decided before the retention period; return how many."""
    cutoff = timezone.now() - timedelta(days=retention_days)
    decided = ListingClaim.objects.filter(
        status__in=[ClaimStatus.VERIFIED, ClaimStatus.DECLINED], decided_at__lt=cutoff
    ).exclude(full_name="")
    due = list(decided.values_list("pk", "public_id"))
    for _pk, public_id in due:
        audit_record(
            actor=None,
            action=AuditAction.ERASE,
            request_public_id=public_id,
            detail=f"listing claim details erased: retention {retention_days} days",
        )
    ListingClaim.objects.filter(pk__in=[pk for pk, _public_id in due]).update(**dict.fromkeys(PERSONAL_FIELDS, ""))
    return len(due)
