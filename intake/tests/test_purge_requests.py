"""`manage.py purge_requests`: closed requests past retention, and single requests on demand, are erased."""

import datetime
import io

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from intake.choices import Status
from intake.models import CoverageRequest, ErasedRequestTally, StaffNote
from intake.services import coverage_request_add_note
from intake.tests.test_sentinel import database_contents

pytestmark = pytest.mark.django_db


def purge(*args: str) -> str:
    out = io.StringIO()
    call_command("purge_requests", *args, stdout=out)
    return out.getvalue()


def age(request: CoverageRequest, *, status: str, days: int) -> None:
    CoverageRequest.objects.filter(pk=request.pk).update(
        status=status, status_changed_at=timezone.now() - datetime.timedelta(days=days)
    )


def test_requests_closed_longer_than_the_retention_period_are_erased(coverage_request, reviewer):
    coverage_request_add_note(request=coverage_request, text="Called back.", actor=reviewer, ip_address=None)
    age(coverage_request, status=Status.CLOSED, days=91)
    assert "Erased 1 request" in purge()
    assert not CoverageRequest.objects.exists()
    assert not StaffNote.objects.exists()
    tally = ErasedRequestTally.objects.get()
    assert tally.count == 1 and tally.final_status == Status.CLOSED
    assert tally.month == coverage_request.created_at.date().replace(day=1)


def test_recently_closed_and_open_requests_are_kept(coverage_request, facility):
    age(coverage_request, status=Status.CLOSED, days=89)
    assert "Erased 0 request" in purge()
    age(coverage_request, status=Status.COVERED, days=400)
    purge()
    assert CoverageRequest.objects.count() == 1


def test_the_retention_period_can_be_given(coverage_request):
    age(coverage_request, status=Status.CLOSED, days=10)
    purge("--days", "7")
    assert not CoverageRequest.objects.exists()


def test_counts_of_erased_requests_add_up(coverage_request, form_data, client):
    client.post("/coverage/new/", {**form_data, "phone": "202-555-0199"})
    for request in CoverageRequest.objects.all():
        age(request, status=Status.CLOSED, days=100)
    purge()
    assert ErasedRequestTally.objects.get().count == 2


def test_one_request_is_erased_on_demand_whatever_its_status(coverage_request):
    member_id_token = CoverageRequest.objects.filter(pk=coverage_request.pk).values_list("member_id", flat=True)[0]
    purge("--request", str(coverage_request.public_id))
    assert not CoverageRequest.objects.exists()
    # The ciphertext went with the row.
    assert member_id_token.encode() not in database_contents()


@pytest.mark.parametrize("bad", ["not-a-uuid", "00000000-0000-0000-0000-000000000000"])
def test_an_unknown_request_id_is_a_clear_error(bad):
    with pytest.raises(CommandError):
        purge("--request", bad)
