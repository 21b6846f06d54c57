"""A decided claim keeps what staff checked, not the claimant's details, once the retention period has passed."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from intake.models import AuditEntry
from representatives.models import ListingClaim
from representatives.services import listing_claim_decline
from representatives.tests.conftest import claim_for, verified_representative

pytestmark = pytest.mark.django_db


def decided_days_ago(claim: ListingClaim, days: int) -> None:
    ListingClaim.objects.filter(pk=claim.pk).update(decided_at=timezone.now() - datetime.timedelta(days=days))


def purge() -> str:
    out = io.StringIO()
    call_command("purge_requests", stdout=out)
    return out.getvalue()


def test_decided_claims_past_retention_lose_the_claimants_details(facility, other_facility, reviewer, settings):
    settings.COVERAGE_RETENTION_DAYS = 90
    representative = verified_representative(facility, reviewer)
    verified = representative.claims.get()
    declined = claim_for(other_facility, email="someone@elsewhere.example")
    listing_claim_decline(claim=declined, reviewer=reviewer, spoke_with="Front desk", ip_address=None)
    for claim in (verified, declined):
        decided_days_ago(claim, 91)
    assert "details of 2 listing claim" in purge()
    for claim in (verified, declined):
        claim.refresh_from_db()
        assert (claim.full_name, claim.role, claim.email, claim.callback_phone, claim.spoke_with) == ("",) * 5
        assert claim.decided_by == reviewer and claim.decided_at is not None
        assert AuditEntry.objects.filter(request_public_id=claim.public_id, action="erase").exists()
    assert verified.called_number, "the number staff dialled stays on record"
    representative.refresh_from_db()
    assert representative.email == "dana@program.example", "the account still signs in"


def test_waiting_and_recently_decided_claims_are_kept(facility, other_facility, reviewer, settings):
    settings.COVERAGE_RETENTION_DAYS = 90
    waiting = claim_for(facility)
    ListingClaim.objects.filter(pk=waiting.pk).update(created_at=timezone.now() - datetime.timedelta(days=200))
    recent = claim_for(other_facility, email="recent@elsewhere.example")
    listing_claim_decline(claim=recent, reviewer=reviewer, spoke_with="Front desk", ip_address=None)
    decided_days_ago(recent, 89)
    assert "details of 0 listing claim" in purge()
    for claim in (waiting, recent):
        claim.refresh_from_db()
        assert claim.full_name == "Dana Director" and claim.email
