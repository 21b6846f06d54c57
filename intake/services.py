"""Writes to coverage requests: create, work, share, erase. Views call these; they never save models themselves."""

import datetime
import logging
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.models import User
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone, translation

from directory.models import Facility
from intake.audit import audit_record
from intake.choices import AuditAction
from intake.consent import CONTACT_CONSENT_TEXT, SHARE_CONSENT_TEXT, consent_record
from intake.models import CoverageRequest, ErasedRequestTally, StaffNote

logger = logging.getLogger(__name__)


class ShareNotAllowed(Exception):
    """The requester did not agree to share their request with a facility."""


@transaction.atomic
def coverage_request_create(
    *,
    full_name: str,
    date_of_birth: datetime.date,
    phone: str,
    email: str,
    contact_time: str,
    state: str,
    carrier: str,
    member_id: str,
    group_number: str = "",
    facility: Facility | None = None,
    message: str = "",
    contact_consent: bool,
    share_consent: bool = False,
) -> CoverageRequest:
    if not contact_consent:
        raise ValueError("a coverage request needs the consent to be contacted")
    now = timezone.now()
    contact = consent_record(CONTACT_CONSENT_TEXT)
    shares = share_consent and facility is not None
    request = CoverageRequest(
        full_name=full_name,
        date_of_birth=date_of_birth.isoformat(),
        phone=phone,
        email=email,
        contact_time=contact_time,
        state=state,
        carrier=carrier,
        member_id=member_id,
        group_number=group_number,
        facility=facility,
        message=message,
        consent_version=contact.version,
        consent_language=translation.get_language() or settings.LANGUAGE_CODE,
        contact_consent_sha256=contact.text_sha256,
        contact_consent_at=now,
        share_consent_sha256=consent_record(SHARE_CONSENT_TEXT).text_sha256 if shares else "",
        share_consent_at=now if shares else None,
        share_facility=facility if shares else None,
    )
    request.full_clean()
    request.save()
    public_id = request.public_id
    transaction.on_commit(lambda: _notify_staff(public_id))
    logger.info("coverage request %s received", public_id)
    return request


def _notify_staff(public_id: object) -> None:
    """Tell staff a request arrived: a link only, never what the person wrote."""
    if not settings.COVERAGE_NOTIFY_EMAILS:
        return
    link = settings.SITE_URL + reverse("intake_staff:detail", args=[public_id])
    try:
        send_mail(
            subject="New coverage request",
            message=f"A new coverage request is waiting in the back office:\n\n{link}\n",
            from_email=None,
            recipient_list=settings.COVERAGE_NOTIFY_EMAILS,
        )
    except OSError:
        # The request is stored either way; staff see it in the list.
        logger.exception("could not send the notification for coverage request %s", public_id)


@transaction.atomic
def coverage_request_set_status(
    *, request: CoverageRequest, status: str, actor: User, ip_address: str | None
) -> CoverageRequest:
    previous = request.status
    request.status = status
    request.status_changed_at = timezone.now()
    request.full_clean()
    request.save(update_fields=["status", "status_changed_at"])
    audit_record(
        actor=actor,
        action=AuditAction.STATUS,
        request_public_id=request.public_id,
        ip_address=ip_address,
        detail=f"{previous} -> {status}",
    )
    return request


@transaction.atomic
def coverage_request_add_note(*, request: CoverageRequest, text: str, actor: User, ip_address: str | None) -> StaffNote:
    note = StaffNote(request=request, author=actor, text=text)
    note.full_clean()
    note.save()
    audit_record(actor=actor, action=AuditAction.NOTE, request_public_id=request.public_id, ip_address=ip_address)
    return note


@transaction.atomic
def coverage_request_share(*, request: CoverageRequest, actor: User, ip_address: str | None) -> None:
    """Record that staff passed the request to the facility the person agreed to share it with."""
    if not request.may_be_shared:
        raise ShareNotAllowed
    request.shared_at = timezone.now()
    request.save(update_fields=["shared_at"])
    audit_record(
        actor=actor,
        action=AuditAction.SHARE,
        request_public_id=request.public_id,
        ip_address=ip_address,
        detail=f"facility {request.share_facility.public_id}" if request.share_facility else "",
    )


@dataclass(frozen=True)
class EraseResult:
    erased: int


@transaction.atomic
def coverage_requests_erase(
    *, requests: list[CoverageRequest], actor: User | None, ip_address: str | None, reason: str
) -> EraseResult:
    """Delete requests and their notes, keeping only a count per month and final status."""
    for request in requests:
        month = request.created_at.date().replace(day=1)
        tally, _ = ErasedRequestTally.objects.get_or_create(month=month, final_status=request.status)
        ErasedRequestTally.objects.filter(pk=tally.pk).update(count=F("count") + 1)
        audit_record(
            actor=actor,
            action=AuditAction.ERASE,
            request_public_id=request.public_id,
            ip_address=ip_address,
            detail=reason,
        )
        request.delete()
    return EraseResult(erased=len(requests))
