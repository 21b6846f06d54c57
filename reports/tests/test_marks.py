"""Independent reports that a phone is wrong or a program closed mark the listing's page until a reviewer decides."""

import pytest

from reports.models import Kind
from reports.tests.conftest import post_report

pytestmark = pytest.mark.django_db

PHONE_MARK = "Reported: the phone number may be wrong."
CLOSED_MARK = "Reported: this program may have closed."


def page_of(client, facility, **headers) -> str:
    return client.get(facility.get_absolute_url(), **headers).content.decode()


def test_two_independent_reports_of_a_wrong_phone_mark_the_page_with_the_last_check(client, facility):
    post_report(client, facility, address="203.0.113.1", kind=Kind.PHONE)
    assert PHONE_MARK not in page_of(client, facility)
    post_report(client, facility, address="203.0.113.2", kind=Kind.PHONE)
    page = page_of(client, facility)
    assert PHONE_MARK in page and "Last checked" in page
    assert CLOSED_MARK not in page


def test_two_reports_from_one_connection_are_not_independent(client, facility):
    post_report(client, facility, address="203.0.113.1", kind=Kind.CLOSED)
    post_report(client, facility, address="203.0.113.1", kind=Kind.CLOSED)
    assert CLOSED_MARK not in page_of(client, facility)


def test_reports_of_other_kinds_do_not_mark_the_page(client, facility):
    post_report(client, facility, address="203.0.113.1", kind=Kind.PAYMENT)
    post_report(client, facility, address="203.0.113.2", kind=Kind.PAYMENT)
    page = page_of(client, facility)
    assert "Reported:" not in page


def test_the_mark_goes_when_a_reviewer_decides(client, reviewer_client, facility):
    post_report(client, facility, address="203.0.113.1", kind=Kind.CLOSED)
    post_report(client, facility, address="203.0.113.2", kind=Kind.CLOSED)
    assert CLOSED_MARK in page_of(client, facility)
    reports = list(facility.problem_reports.order_by("pk"))
    reviewer_client.post(f"/staff/reports/{reports[1].public_id}/merge/", {"merge-into": str(reports[0].public_id)})
    assert CLOSED_MARK in page_of(client, facility)  # a merged duplicate still counts while its report waits
    reviewer_client.post(f"/staff/reports/{reports[0].public_id}/reject/", {})
    assert CLOSED_MARK not in page_of(client, facility)


def test_the_mark_is_in_spanish(client, facility):
    post_report(client, facility, address="203.0.113.1", kind=Kind.PHONE)
    post_report(client, facility, address="203.0.113.2", kind=Kind.PHONE)
    page = page_of(client, facility, HTTP_ACCEPT_LANGUAGE="es")
    assert "Reportado: el número de teléfono puede estar equivocado." in page
    assert "Última revisión" in page
