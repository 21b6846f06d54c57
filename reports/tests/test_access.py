"""Who may use the review queue: an anonymous visitor is sent to sign in, a reviewer and an admin may review."""

import uuid

import pytest
from django.test import Client

from intake.tests.conftest import signed_in_with_both_factors, staff_member
from reports.models import Kind

pytestmark = pytest.mark.django_db

PAGES = ["", "{id}/"]
ACTIONS = ["{id}/accept/", "{id}/reject/", "{id}/merge/"]


@pytest.fixture
def report(make_report):
    return make_report(Kind.CLOSED)


def url(path: str, report) -> str:
    return "/staff/reports/" + path.format(id=report.public_id)


@pytest.mark.parametrize("path", PAGES + ACTIONS)
def test_an_anonymous_visitor_is_sent_to_sign_in(report, path):
    method = "get" if path in PAGES else "post"
    response = getattr(Client(), method)(url(path, report))
    assert response.status_code == 302
    assert response["Location"] == f"/staff/login/?next={url(path, report)}"


@pytest.mark.parametrize("path", PAGES + ACTIONS)
def test_staff_without_the_reviewer_role_are_refused(report, path):
    nobody = signed_in_with_both_factors(staff_member("no.role", None))
    method = "get" if path in PAGES else "post"
    assert getattr(nobody, method)(url(path, report)).status_code == 403


@pytest.mark.parametrize("who", ["reviewer_client", "admin_staff_client"])
@pytest.mark.parametrize("path", PAGES)
def test_a_reviewer_and_an_admin_see_the_queue_and_the_report(request, report, who, path):
    response = request.getfixturevalue(who).get(url(path, report))
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]


@pytest.mark.parametrize("who", ["reviewer_client", "admin_staff_client"])
def test_a_reviewer_and_an_admin_may_decide(request, make_report, who):
    client = request.getfixturevalue(who)
    report = make_report(Kind.CLOSED, address="203.0.113.1")
    other = make_report(Kind.CLOSED, address="203.0.113.2")
    assert client.post(url("{id}/merge/", other), {"merge-into": str(report.public_id)}).status_code == 302
    assert client.post(url("{id}/reject/", report), {}).status_code == 302


def test_the_decisions_refuse_get_and_unknown_reports(reviewer_client, report):
    assert reviewer_client.get(url("{id}/accept/", report)).status_code == 405
    assert reviewer_client.get(f"/staff/reports/{uuid.uuid4()}/").status_code == 404
    assert reviewer_client.post(f"/staff/reports/{uuid.uuid4()}/reject/").status_code == 404


def test_the_back_office_navigation_links_to_the_queue(reviewer_client):
    page = reviewer_client.get("/staff/requests/").content.decode()
    assert 'href="/staff/reports/"' in page
