"""Writes to claims and representative accounts: a claim arrives, staff call the listing and decide."""

import secrets

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone
from django.utils.crypto import salted_hmac

from directory.models import Facility
from intake.audit import audit_record
from intake.choices import AuditAction
from representatives.models import ClaimStatus, ListingClaim, Representative
from representatives.selectors import listing_own_phone
from representatives.sign_in import sign_in_link_send


class ClaimAlreadyDecided(Exception):
    """Another reviewer decided this claim first."""


class NoNumberToCall(Exception):
    """The listing gives no phone number of its own: it cannot be verified by calling it."""


def email_digest(email: str) -> str:
    return salted_hmac("representatives.email", email.strip().casefold(), algorithm="sha256").hexdigest()


@transaction.atomic
def listing_claim_create(
    *, facility: Facility, full_name: str, role: str, email: str, callback_phone: str, language: str
) -> ListingClaim:
    claim = ListingClaim(
        facility=facility, full_name=full_name, role=role, email=email, callback_phone=callback_phone, language=language
    )
    claim.full_clean()
    claim.save()
    return claim


def _decided(claim: ListingClaim) -> ListingClaim:
    locked = ListingClaim.objects.select_for_update().select_related("facility").get(pk=claim.pk)
    if locked.status != ClaimStatus.WAITING:
        raise ClaimAlreadyDecided
    return locked


def _representative_for(claim: ListingClaim) -> tuple[Representative, bool]:
    """The account of the claim's e-mail address, made when it has none: one person, one account."""
    digest = email_digest(claim.email)
    found = Representative.objects.filter(email_digest=digest).select_related("user").first()
    if found is not None:
        return found, False
    # A random handle names the account in links and logs; the person's name and address stay encrypted.
    user = User(username=f"program-{secrets.token_hex(6)}", is_staff=False, is_superuser=False)
    user.set_unusable_password()
    user.save()
    representative = Representative(user=user, full_name=claim.full_name, email=claim.email, email_digest=digest)
    representative.full_clean()
    representative.save()
    return representative, True


def _decide(claim: ListingClaim, *, status: str, reviewer: User, spoke_with: str, **fields: object) -> None:
    claim.status = status
    claim.decided_by = reviewer
    claim.decided_at = timezone.now()
    claim.spoke_with = spoke_with
    for name, value in fields.items():
        setattr(claim, name, value)
    claim.save()


def _audit(claim: ListingClaim, reviewer: User, ip_address: str | None, action: str, detail: str) -> None:
    audit_record(actor=reviewer, action=action, request_public_id=claim.public_id, ip_address=ip_address, detail=detail)


@transaction.atomic
def _verify(*, claim: ListingClaim, reviewer: User, spoke_with: str, ip_address: str | None) -> Representative:
    claim = _decided(claim)
    number = listing_own_phone(claim.facility)
    if not number:
        raise NoNumberToCall
    representative, created = _representative_for(claim)
    _decide(
        claim,
        status=ClaimStatus.VERIFIED,
        reviewer=reviewer,
        spoke_with=spoke_with,
        called_number=number,
        representative=representative,
    )
    listing = claim.facility.public_id
    _audit(
        claim, reviewer, ip_address, AuditAction.REVIEW, f"listing claim verified by calling the listing of {listing}"
    )
    if created:
        account = representative.user.get_username()
        _audit(claim, reviewer, ip_address, AuditAction.ACCOUNT, f"representative account {account} made for {listing}")
    return representative


def listing_claim_verify(
    *, claim: ListingClaim, reviewer: User, spoke_with: str, ip_address: str | None
) -> Representative:
    """Record the call and who took it; tie the listing to the claimant's account and e-mail them a sign-in link."""
    representative = _verify(claim=claim, reviewer=reviewer, spoke_with=spoke_with, ip_address=ip_address)
    # After the commit: a link to an account that a failed transaction never made would be no use.
    sign_in_link_send(representative=representative, language=claim.language)
    return representative


@transaction.atomic
def listing_claim_decline(*, claim: ListingClaim, reviewer: User, spoke_with: str, ip_address: str | None) -> None:
    claim = _decided(claim)
    _decide(claim, status=ClaimStatus.DECLINED, reviewer=reviewer, spoke_with=spoke_with)
    _audit(claim, reviewer, ip_address, AuditAction.REVIEW, f"listing claim declined for {claim.facility.public_id}")
