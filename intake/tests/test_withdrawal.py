"""A person withdraws their own coverage request with its reference and their contact; the privacy notice."""

import re

import pytest
from django.urls import reverse

from intake.choices import AuditAction
from intake.models import AuditEntry, CoverageRequest, ErasedRequestTally
from intake.withdrawal import reference_of

pytestmark = pytest.mark.django_db
WITHDRAW = reverse("intake:withdraw")


def sent_reference(client, form_data) -> str:
    response = client.post(reverse("intake:new"), form_data)
    confirmation = client.get(response["Location"]).content.decode()
    found = re.search(r"Your reference: <strong>([0-9A-F]{4}-[0-9A-F]{4})</strong>", confirmation)
    assert found, "the confirmation shows a reference"
    return found.group(1)


def test_the_confirmation_shows_the_requests_reference_and_a_way_to_withdraw(client, form_data):
    reference = sent_reference(client, form_data)
    assert reference == reference_of(CoverageRequest.objects.get())
    page = client.get(client.post(reverse("intake:new"), form_data)["Location"]).content.decode()
    assert f'href="{WITHDRAW}?ref=' in page


@pytest.mark.parametrize("contact", ["(202) 555-0143", "JORDAN@example.com "])
def test_the_reference_and_the_phone_or_e_mail_given_erase_the_request_at_once(client, form_data, contact):
    reference = sent_reference(client, form_data)
    public_id = CoverageRequest.objects.get().public_id
    response = client.post(WITHDRAW, {"reference": reference.lower(), "contact": contact})
    assert response.status_code == 200
    assert b"Your request is withdrawn" in response.content
    assert not CoverageRequest.objects.exists()
    entry = AuditEntry.objects.get(request_public_id=public_id, action=AuditAction.ERASE)
    assert entry.actor is None and "withdrawn" in entry.detail
    assert ErasedRequestTally.objects.get().count == 1


@pytest.mark.parametrize(
    "contact",
    ["202-555-0199", "someone.else@example.com", "555-0143", ""],
)
def test_a_reference_without_the_matching_contact_erases_nothing(client, form_data, contact):
    reference = sent_reference(client, form_data)
    response = client.post(WITHDRAW, {"reference": reference, "contact": contact})
    assert response.status_code in (400, 404)
    assert CoverageRequest.objects.count() == 1
    assert not AuditEntry.objects.filter(action=AuditAction.ERASE).exists()


@pytest.mark.parametrize("reference", ["12345", "ZZZZ-ZZZZ", "1234-5678-9", "<script>", "' OR 1=1 --"])
def test_a_malformed_reference_gets_a_clear_message(client, form_data, reference):
    client.post(reverse("intake:new"), form_data)
    response = client.post(WITHDRAW, {"reference": reference, "contact": "202-555-0143"})
    assert response.status_code == 400
    assert b"A reference is 8 letters" in response.content
    assert CoverageRequest.objects.count() == 1


def test_the_reference_of_another_request_does_not_erase_this_one(client, form_data):
    reference = sent_reference(client, form_data)
    other = dict(form_data, phone="303-555-0100", email="")
    client.post(reverse("intake:new"), other)
    response = client.post(WITHDRAW, {"reference": reference, "contact": "303-555-0100"})
    assert response.status_code == 404
    assert CoverageRequest.objects.count() == 2


def test_withdrawal_attempts_are_rate_limited_per_connection(client, form_data):
    reference = sent_reference(client, form_data)
    for _ in range(10):
        assert client.post(WITHDRAW, {"reference": "0000-0000", "contact": "202-555-0143"}).status_code == 404
    response = client.post(WITHDRAW, {"reference": reference, "contact": "202-555-0143"})
    assert response.status_code == 429
    assert CoverageRequest.objects.count() == 1


def test_the_withdrawal_form_needs_its_csrf_token(form_data):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    response = strict.post(WITHDRAW, {"reference": "0000-0000", "contact": "202-555-0143"})
    assert response.status_code == 403


def test_the_withdrawal_page_fills_in_the_reference_from_the_confirmation_link(client):
    page = client.get(WITHDRAW + "?ref=3F9A-2C1D").content.decode()
    assert 'value="3F9A-2C1D"' in page


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_privacy_notice_says_what_is_collected_who_sees_it_how_long_and_how_to_withdraw(client, settings, language):
    settings.COVERAGE_RETENTION_DAYS = 45
    response = client.get(reverse("intake:privacy"), HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200
    page = response.content.decode()
    assert "45" in page
    assert f'href="{WITHDRAW}"' in page
    assert 'lang="' + language + '"' in page


def test_the_privacy_notice_names_the_map_tile_host_only_when_there_is_a_map(client, settings):
    assert settings.MAP_TILE_ORIGIN.split("://")[-1] in client.get(reverse("intake:privacy")).content.decode()
    settings.MAP_TILE_URL = ""
    assert b"map images from" not in client.get(reverse("intake:privacy")).content


@pytest.mark.parametrize("path", ["/", "/coverage/new/", "/helpline/", "/shortlist/"])
def test_every_page_links_the_privacy_notice_and_crisis_lines_one_tap_away(client, path):
    page = client.get(path).content.decode()
    assert f'href="{reverse("intake:privacy")}"' in page
    for link in ('href="tel:988"', 'href="sms:988"', 'href="tel:911"', 'href="tel:+18006624357"'):
        assert link in page


def test_the_coverage_form_links_the_privacy_notice_beside_the_consent(client):
    page = client.get(reverse("intake:new")).content.decode()
    consent = page.index("Your consent")
    assert page.find(f'href="{reverse("intake:privacy")}"', consent) > consent


def test_the_helpline_page_numbers_are_links_and_say_who_answers_988(client):
    page = client.get(reverse("intake:who_answers")).content.decode()
    main = page[page.index("<main") : page.index("</main>")]
    for link in ('href="tel:988"', 'href="sms:988"', 'href="tel:911"', 'href="tel:+18006624357"'):
        assert link in main
    assert "Who answers 988?" in main


def test_a_bot_caught_by_the_honeypot_sees_a_reference_too_but_nothing_is_stored(client, form_data):
    response = client.post(reverse("intake:new"), {**form_data, "website": "http://spam.example"})
    page = client.get(response["Location"]).content.decode()
    assert re.search(r"Your reference: <strong>[0-9A-F]{4}-[0-9A-F]{4}</strong>", page)
    assert not CoverageRequest.objects.exists()
