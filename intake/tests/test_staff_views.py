"""The back office: who may reach which page, and what working a request does."""

import csv
import io
import uuid

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from intake.choices import AuditAction, Status
from intake.models import AuditEntry, CoverageRequest, ErasedRequestTally
from intake.tests.conftest import signed_in_with_both_factors, staff_member

pytestmark = pytest.mark.django_db

LOGIN = reverse("intake_staff:login")


def pages(public_id: object) -> list[tuple[str, str, str]]:
    """(name, method, url) of every back-office page, for one request."""
    return [
        ("list", "get", reverse("intake_staff:list")),
        ("export", "get", reverse("intake_staff:export")),
        ("detail", "get", reverse("intake_staff:detail", args=[public_id])),
        ("status", "post", reverse("intake_staff:status", args=[public_id])),
        ("note", "post", reverse("intake_staff:note", args=[public_id])),
        ("share", "post", reverse("intake_staff:share", args=[public_id])),
        ("erase", "post", reverse("intake_staff:erase", args=[public_id])),
    ]


POST_DATA = {"status": Status.CONTACTED, "text": "Left a voicemail."}
EXPECTED = {
    # page: (reviewer, admin)
    "list": (200, 200),
    "export": (403, 200),
    "detail": (200, 200),
    "status": (302, 302),
    "note": (302, 302),
    "share": (302, 302),
    "erase": (403, 302),
}


def visit(client: Client, method: str, url: str):
    return client.post(url, POST_DATA) if method == "post" else client.get(url)


@pytest.mark.parametrize("page", list(EXPECTED))
def test_an_anonymous_visitor_is_sent_to_sign_in_from_every_back_office_page(client, coverage_request, page):
    _, method, url = next(p for p in pages(coverage_request.public_id) if p[0] == page)
    response = visit(client, method, url)
    assert response.status_code == 302 and response["Location"].startswith(LOGIN)
    assert CoverageRequest.objects.filter(status=Status.NEW).count() == 1


@pytest.mark.parametrize("page", list(EXPECTED))
def test_a_staff_member_signed_in_with_a_password_only_is_sent_to_sign_in(coverage_request, page):
    user = staff_member("pat.password-only", "admin")
    client = Client()
    client.force_login(user)  # no second factor in this session
    _, method, url = next(p for p in pages(coverage_request.public_id) if p[0] == page)
    response = visit(client, method, url)
    assert response.status_code == 302 and response["Location"].startswith(LOGIN)


@pytest.mark.parametrize("page", list(EXPECTED))
def test_a_staff_member_without_a_role_is_refused_everywhere(coverage_request, page):
    client = signed_in_with_both_factors(staff_member("no.role", None))
    _, method, url = next(p for p in pages(coverage_request.public_id) if p[0] == page)
    assert visit(client, method, url).status_code == 403


@pytest.mark.parametrize("page", list(EXPECTED))
def test_a_reviewer_works_requests_but_cannot_export_or_erase(reviewer_client, coverage_request, page):
    _, method, url = next(p for p in pages(coverage_request.public_id) if p[0] == page)
    response = visit(reviewer_client, method, url)
    assert response.status_code == EXPECTED[page][0]
    assert "no-store" in response["Cache-Control"]


@pytest.mark.parametrize("page", list(EXPECTED))
def test_an_admin_reaches_every_back_office_page(admin_staff_client, coverage_request, page):
    _, method, url = next(p for p in pages(coverage_request.public_id) if p[0] == page)
    response = visit(admin_staff_client, method, url)
    assert response.status_code == EXPECTED[page][1]
    assert "no-store" in response["Cache-Control"]


@pytest.mark.parametrize("guess", [uuid.uuid4(), uuid.UUID(int=1)])
def test_a_guessed_request_id_finds_nothing_for_anyone(
    admin_staff_client, reviewer_client, client, coverage_request, guess
):
    for name, method, url in pages(guess):
        if name in {"list", "export"}:
            continue
        assert visit(admin_staff_client, method, url).status_code in {404, 403}
        assert visit(reviewer_client, method, url).status_code in {404, 403}
        assert visit(client, method, url).status_code == 302
    assert admin_staff_client.get(f"/staff/requests/{coverage_request.pk}/").status_code == 404


def test_the_list_shows_requests_by_status_without_personal_data(reviewer_client, coverage_request):
    html = reviewer_client.get(reverse("intake_staff:list"), {"status": "new"}).content.decode()
    assert str(coverage_request.public_id) in html
    assert "Jordan Example" not in html and "W123456789" not in html
    assert (
        str(coverage_request.public_id)
        not in reviewer_client.get(reverse("intake_staff:list"), {"status": "closed"}).content.decode()
    )


def test_the_detail_page_shows_the_decrypted_request(reviewer_client, coverage_request):
    html = reviewer_client.get(reverse("intake_staff:detail", args=[coverage_request.public_id])).content.decode()
    for value in ("Jordan Example", "1980-05-17", "+12025550143", "W123456789"):
        assert value in html


def test_a_reviewer_changes_the_status_and_adds_a_note(reviewer_client, coverage_request):
    public_id = coverage_request.public_id
    reviewer_client.post(reverse("intake_staff:status", args=[public_id]), {"status": Status.COVERED})
    reviewer_client.post(reverse("intake_staff:note", args=[public_id]), {"text": "Aetna confirms IOP cover."})
    coverage_request.refresh_from_db()
    assert coverage_request.status == Status.COVERED
    assert coverage_request.notes.get().text == "Aetna confirms IOP cover."


def test_an_unknown_status_changes_nothing(reviewer_client, coverage_request):
    response = reviewer_client.post(
        reverse("intake_staff:status", args=[coverage_request.public_id]), {"status": "bogus"}
    )
    assert response.status_code == 302
    coverage_request.refresh_from_db()
    assert coverage_request.status == Status.NEW


def test_sharing_is_refused_when_the_person_did_not_consent(reviewer_client, facility):
    from intake.services import coverage_request_create

    unshared = coverage_request_create(
        full_name="No Share", date_of_birth=__import__("datetime").date(1970, 1, 1), phone="", email="n@example.com",
        contact_time="any", state="CA", carrier="none", member_id="", facility=facility,
        contact_consent=True, share_consent=False,
    )  # fmt: skip
    reviewer_client.post(reverse("intake_staff:share", args=[unshared.public_id]))
    unshared.refresh_from_db()
    assert unshared.shared_at is None
    assert not AuditEntry.objects.filter(action=AuditAction.SHARE).exists()
    html = reviewer_client.get(reverse("intake_staff:detail", args=[unshared.public_id])).content.decode()
    assert "did not agree to share" in html
    assert reverse("intake_staff:share", args=[unshared.public_id]) not in html


def test_sharing_is_recorded_when_the_person_consented(reviewer_client, coverage_request):
    reviewer_client.post(reverse("intake_staff:share", args=[coverage_request.public_id]))
    coverage_request.refresh_from_db()
    assert coverage_request.shared_at is not None


def test_an_admin_exports_requests_as_csv_with_formulas_defused(admin_staff_client, coverage_request):
    CoverageRequest.objects.filter(pk=coverage_request.pk).update(group_number="")
    coverage_request.message = "=HYPERLINK(evil)"
    coverage_request.save()
    response = admin_staff_client.get(reverse("intake_staff:export"))
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0][0] == "id" and len(rows) == 2
    assert "Jordan Example" in rows[1] and "W123456789" in rows[1]
    assert "'=HYPERLINK(evil)" in rows[1]


def test_an_admin_erases_a_request_on_a_deletion_request(admin_staff_client, coverage_request):
    admin_staff_client.post(reverse("intake_staff:erase", args=[coverage_request.public_id]))
    assert not CoverageRequest.objects.exists()
    assert ErasedRequestTally.objects.get().count == 1


def test_staff_actions_need_the_csrf_token(reviewer: User, coverage_request):
    client = signed_in_with_both_factors(reviewer)
    client.handler.enforce_csrf_checks = True
    response = client.post(reverse("intake_staff:status", args=[coverage_request.public_id]), {"status": "closed"})
    assert response.status_code == 403
    coverage_request.refresh_from_db()
    assert coverage_request.status == Status.NEW
