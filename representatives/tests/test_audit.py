"""Every change to a listing and every decision on a claim or an update is in the append-only audit log."""

import pytest
from django.urls import reverse

from intake.models import AuditEntry
from representatives.models import ProgramUpdate
from representatives.tests.conftest import claim_for

pytestmark = pytest.mark.django_db


def entries_about(public_id) -> list[AuditEntry]:
    return list(AuditEntry.objects.filter(request_public_id=public_id).order_by("at", "pk"))


def test_reading_and_verifying_a_claim_are_logged_with_who_and_from_where(reviewer_client, facility):
    claim = claim_for(facility)
    url = reverse("representatives_staff:claim", args=[claim.public_id])
    reviewer_client.get(url, REMOTE_ADDR="192.0.2.10")
    reviewer_client.post(url, {"decision": "verify", "called": "on", "spoke_with": "Sam"}, REMOTE_ADDR="192.0.2.10")
    view, verified, account = entries_about(claim.public_id)
    assert (view.action, view.actor_username, view.ip_address) == ("view", "rita.reviewer", "192.0.2.10")
    assert verified.action == "review" and f"verified by calling the listing of {facility.public_id}" in verified.detail
    assert account.action == "account" and "representative account program-" in account.detail
    sent = AuditEntry.objects.get(detail__startswith="sign-in link sent")
    assert sent.actor_username == "rita.reviewer"
    for entry in AuditEntry.objects.all():
        assert "Dana" not in entry.detail and "program.example" not in entry.detail and "Sam" not in entry.detail


def test_declining_a_claim_is_logged(reviewer_client, facility):
    claim = claim_for(facility)
    reviewer_client.post(reverse("representatives_staff:claim", args=[claim.public_id]), {"decision": "decline"})
    [declined] = [entry for entry in entries_about(claim.public_id) if entry.action == "review"]
    assert "declined" in declined.detail and declined.actor_username == "rita.reviewer"


def test_each_submission_and_each_review_decision_is_logged(
    representative, representative_client, reviewer_client, facility
):
    edit = reverse("representatives:listing_edit", args=[facility.public_id])
    representative_client.post(edit, {"hours_per_week": "9", "evening_track": "yes"})
    first = ProgramUpdate.objects.get()
    reviewer_client.post(reverse("representatives_staff:review", args=[first.public_id]), {"decision": "accept"})
    representative_client.post(edit, {"hours_per_week": "12", "evening_track": "yes"})
    second = ProgramUpdate.objects.exclude(pk=first.pk).get()
    reviewer_client.post(reverse("representatives_staff:review", args=[second.public_id]), {"decision": "reject"})

    submitted, accepted = entries_about(first.public_id)
    assert submitted.actor_username == representative.user.username
    assert "waiting for review" in submitted.detail and "evening_track, hours_per_week" in submitted.detail
    assert accepted.actor_username == "rita.reviewer" and "accepted" in accepted.detail
    shown, rejected = entries_about(second.public_id)
    assert "shown at once" in shown.detail and "rejected" in rejected.detail


def test_the_log_cannot_be_changed_or_emptied(reviewer_client, facility):
    claim = claim_for(facility)
    reviewer_client.get(reverse("representatives_staff:claim", args=[claim.public_id]))
    with pytest.raises(PermissionError):
        AuditEntry.objects.filter(request_public_id=claim.public_id).update(detail="nothing happened")
    with pytest.raises(PermissionError):
        AuditEntry.objects.filter(request_public_id=claim.public_id).delete()
