"""Who reaches what: anonymous, a representative, another program's representative, a reviewer, an admin.

Every new URL, with real and guessed listing, claim and update IDs. A
representative reaches only their own verified listings, and nothing of the
back office, the Django admin or coverage requests.
"""

import uuid

import pytest
from django.test import Client
from django.urls import reverse

from directory.models import Facility
from intake.tests.conftest import signed_in_with_both_factors, staff_member
from representatives.models import ProgramUpdate, UpdateStatus
from representatives.tests.conftest import claim_for
from representatives.update_services import program_update_submit

pytestmark = pytest.mark.django_db

STAFF_LOGIN = reverse("intake_staff:login")
SIGN_IN = reverse("representatives:sign_in")


@pytest.fixture
def people(client, representative_client, other_representative_client, reviewer_client, admin_staff_client):
    return {
        "anonymous": client,
        "representative": representative_client,
        "other representative": other_representative_client,
        "reviewer": reviewer_client,
        "admin": admin_staff_client,
    }


@pytest.fixture
def update(representative, facility) -> ProgramUpdate:
    return program_update_submit(
        representative=representative, facility=facility, changes={"hours_per_week": 9}, ip_address=None
    )


def sent_to(response, place: str) -> bool:
    return response.status_code == 302 and response["Location"].startswith(place)


STAFF_PAGES = ["claims", "claim", "updates", "update"]


def staff_url(name: str, claim, update) -> str:
    if name == "claim":
        return reverse("representatives_staff:claim", args=[claim.public_id])
    if name == "update":
        return reverse("representatives_staff:update", args=[update.public_id])
    return reverse(f"representatives_staff:{name}")


@pytest.mark.parametrize("name", STAFF_PAGES)
def test_the_staff_pages_let_in_reviewers_and_admins_only(people, facility, update, name):
    url = staff_url(name, claim_for(facility), update)
    expected = {"anonymous": "login", "representative": "login", "other representative": "login"}
    for who, client in people.items():
        response = client.get(url)
        if who in expected:
            assert sent_to(response, STAFF_LOGIN), (who, url, response.status_code)
        else:
            assert response.status_code == 200, (who, url)
            assert "no-store" in response["Cache-Control"]


def test_a_coverage_reviewer_role_is_what_opens_them_not_staff_status_alone(facility, update):
    staff_without_role = signed_in_with_both_factors(staff_member("nobody", None))
    assert staff_without_role.get(reverse("representatives_staff:claims")).status_code == 403
    assert staff_without_role.get(staff_url("update", None, update)).status_code == 403


def test_guessed_claim_and_update_ids_are_not_found_for_staff(reviewer_client):
    for name in ("claim", "update"):
        response = reviewer_client.get(reverse(f"representatives_staff:{name}", args=[uuid.uuid4()]))
        assert response.status_code == 404
    response = reviewer_client.post(
        reverse("representatives_staff:review", args=[uuid.uuid4()]), {"decision": "accept"}
    )
    assert response.status_code == 404


def test_only_staff_review_updates(people, update, facility):
    url = reverse("representatives_staff:review", args=[update.public_id])
    for who in ("anonymous", "representative", "other representative"):
        assert sent_to(people[who].post(url, {"decision": "accept"}), STAFF_LOGIN), who
    assert people["representative"].get(url).status_code == 405
    update.refresh_from_db()
    assert update.status == UpdateStatus.WAITING
    assert sent_to(people["admin"].post(url, {"decision": "accept"}), reverse("representatives_staff:updates"))


def test_representative_pages_are_for_signed_in_representatives_only(people, facility):
    for url in (
        reverse("representatives:listings"),
        reverse("representatives:listing_edit", args=[facility.public_id]),
    ):
        for who in ("anonymous", "reviewer", "admin"):
            assert sent_to(people[who].get(url), SIGN_IN), (who, url)
    assert (
        people["representative"].get(reverse("representatives:listing_edit", args=[facility.public_id])).status_code
        == 200
    )


def test_a_representative_sees_only_their_own_listings(people, facility, other_facility):
    mine = people["representative"].get(reverse("representatives:listings")).content.decode()
    assert facility.name in mine and other_facility.name not in mine
    theirs = people["other representative"].get(reverse("representatives:listings")).content.decode()
    assert other_facility.name in theirs and facility.name not in theirs


def test_another_programs_representative_cannot_open_or_change_a_listing_with_its_real_id(people, facility):
    url = reverse("representatives:listing_edit", args=[facility.public_id])
    intruder = people["other representative"]
    assert intruder.get(url).status_code == 404
    assert intruder.post(url, {"hours_per_week": "40", "iop_days": ["sun"]}).status_code == 404
    assert not ProgramUpdate.objects.exists()


def test_guessed_listing_ids_are_not_found_for_a_representative(people, facility):
    real_others = Facility.objects.filter(published=True).exclude(pk=facility.pk).values_list("public_id", flat=True)
    guesses = [*real_others[:20], "0", "zzzzzzzz", "x" * 17, facility.public_id + "0"]
    for guess in guesses:
        url = reverse("representatives:listing_edit", args=[guess])
        assert people["representative"].get(url).status_code == 404, guess
        assert people["representative"].post(url, {"hours_per_week": "9"}).status_code == 404, guess
    assert not ProgramUpdate.objects.exists()


def test_an_unpublished_listing_is_no_longer_editable(people, facility):
    Facility.objects.filter(pk=facility.pk).update(published=False)
    assert (
        people["representative"].get(reverse("representatives:listing_edit", args=[facility.public_id])).status_code
        == 404
    )


def test_a_representative_reaches_nothing_of_the_back_office_the_admin_or_coverage_requests(people):
    representative = people["representative"]
    for url in ("/staff/requests/", "/staff/requests/export.csv", "/staff/accounts/", "/staff/guide/", "/staff/jobs/"):
        assert sent_to(representative.get(url), STAFF_LOGIN), url
    coverage = reverse("intake_staff:detail", args=[uuid.uuid4()])
    assert sent_to(representative.get(coverage), STAFF_LOGIN)
    assert sent_to(representative.get("/admin/"), "/admin/login/")
    assert sent_to(representative.get("/admin/intake/coveragerequest/"), "/admin/login/")


def test_public_pages_are_open_to_everyone(people, facility):
    for url in (
        reverse("representatives:claim", args=[facility.public_id]),
        reverse("representatives:claim_sent"),
        reverse("representatives:sign_in"),
        reverse("representatives:sign_in_sent"),
    ):
        for who, client in people.items():
            assert client.get(url).status_code == 200, (who, url)


def test_a_sign_in_link_page_without_its_token_says_so(client):
    response = client.get(reverse("representatives:sign_in_link"))
    assert response.status_code == 400
    assert "This sign-in link does not work" in response.content.decode()
    assert Client().post(reverse("representatives:sign_out")).status_code == 302
