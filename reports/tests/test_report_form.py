"""The public "Report a problem" page: a plain form, no JavaScript, no health questions, bots and floods turned away."""

import pytest
from django.db import connection
from django.test import Client

from reports.models import Kind, ProblemReport
from reports.tests.conftest import post_report

pytestmark = pytest.mark.django_db


def test_the_facility_page_links_to_the_report_form(client, facility):
    page = client.get(facility.get_absolute_url()).content.decode()
    assert f'href="/facility/{facility.public_id}/report/"' in page
    assert "mailto:" not in page.split("Report a problem with this listing")[0].rsplit("<p", 1)[-1]


def test_the_form_is_a_plain_post_form_that_asks_no_health_question(client, facility):
    response = client.get(f"/facility/{facility.public_id}/report/")
    body = response.content.decode()
    assert response.status_code == 200
    assert f'method="post" action="/facility/{facility.public_id}/report/"' in body
    assert "Please do not include health information" in body
    assert facility.name in body
    for kind in Kind.values:
        assert f'value="{kind}"' in body
    assert "<script" not in body.split("<main", 1)[-1].split("</main>")[0]
    assert "no-store" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]


def test_a_valid_report_is_stored_encrypted_and_the_visitor_is_thanked(client, facility):
    response = post_report(
        client, facility, kind=Kind.PHONE, correct_value="(713) 555 0123", email="someone@example.com"
    )
    assert response.status_code == 302
    assert response["Location"] == f"/facility/{facility.public_id}/report/sent/"
    assert "someone" not in response["Location"]
    report = ProblemReport.objects.get(facility=facility)
    assert (report.kind, report.correct_value, report.email) == (Kind.PHONE, "713-555-0123", "someone@example.com")
    with connection.cursor() as cursor:
        cursor.execute("SELECT email FROM reports_problemreport WHERE id = %s", [report.pk])
        (stored,) = cursor.fetchone()
    assert "someone@example.com" not in stored  # a Fernet token in the database, not the address
    assert "203.0.113.7" not in report.reporter_key and len(report.reporter_key) == 32
    thanks = client.get(response["Location"]).content.decode()
    assert "Thank you for your report" in thanks


def test_it_remembers_the_language_the_report_was_made_in(client, facility):
    client.post(
        f"/facility/{facility.public_id}/report/",
        {"kind": Kind.CLOSED, "website": ""},
        HTTP_ACCEPT_LANGUAGE="es",
    )
    assert ProblemReport.objects.get(facility=facility).language == "es"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"kind": ""}, "Choose what is wrong with the listing."),
        ({"kind": "health"}, "Choose one of the problems listed."),
        ({"kind": Kind.PHONE, "correct_value": "call me maybe"}, "Enter the phone number with its area code"),
        ({"kind": Kind.OTHER, "correct_value": "x" * 501}, "Keep it under 500 characters."),
        ({"kind": Kind.OTHER, "email": "not-an-address"}, "Enter an e-mail address like name@example.com"),
    ],
)
def test_it_rejects_bad_input_with_a_clear_message_and_stores_nothing(client, facility, data, message):
    response = post_report(client, facility, **data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert 'aria-invalid="true"' in response.content.decode() or "id_kind_error" in response.content.decode()
    assert not ProblemReport.objects.exists()


def test_it_answers_404_for_an_unknown_or_unpublished_listing(client, facility):
    assert client.get("/facility/nosuchlisting/report/").status_code == 404
    facility.published = False
    facility.save()
    assert client.get(f"/facility/{facility.public_id}/report/").status_code == 404
    assert post_report(client, facility).status_code == 404


def test_it_refuses_other_methods(client, facility):
    assert client.put(f"/facility/{facility.public_id}/report/").status_code == 405


def test_a_bot_that_fills_the_honeypot_is_thanked_and_nothing_is_stored(client, facility):
    response = post_report(client, facility, kind=Kind.CLOSED, website="https://spam.example")
    assert response.status_code == 302
    assert not ProblemReport.objects.exists()


def test_it_limits_reports_from_one_connection_counting_every_post(client, facility, settings):
    settings.REPORT_RATE_LIMIT_PER_IP = 2
    assert post_report(client, facility, kind="").status_code == 400  # a mistake counts too
    assert post_report(client, facility, kind=Kind.CLOSED).status_code == 302
    refused = post_report(client, facility, kind=Kind.CLOSED)
    assert refused.status_code == 429
    assert "several reports already" in refused.content.decode()
    assert ProblemReport.objects.count() == 1
    assert post_report(client, facility, address="198.51.100.9", kind=Kind.CLOSED).status_code == 302


def test_it_needs_the_csrf_token_like_every_form(facility):
    strict = Client(enforce_csrf_checks=True)
    assert post_report(strict, facility, kind=Kind.CLOSED).status_code == 403
    page = strict.get(f"/facility/{facility.public_id}/report/")
    token = page.cookies["csrftoken"].value
    response = strict.post(
        f"/facility/{facility.public_id}/report/", {"kind": Kind.CLOSED, "csrfmiddlewaretoken": token}
    )
    assert response.status_code == 302


def test_the_form_and_its_messages_are_in_spanish(client, facility):
    body = client.get(f"/facility/{facility.public_id}/report/", HTTP_ACCEPT_LANGUAGE="es").content.decode()
    assert "Reportar un error en esta ficha" in body
    assert "No incluya información de salud" in body
