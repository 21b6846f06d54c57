"""Asking to manage a listing: the link on the facility page, the form, its honeypot and its limits."""

import pytest
from django.db import connection
from django.urls import reverse

from representatives.models import ClaimStatus, ListingClaim

pytestmark = pytest.mark.django_db


def claim_url(facility) -> str:
    return reverse("representatives:claim", args=[facility.public_id])


def form_data(**changes: str) -> dict[str, str]:
    data = {
        "full_name": "  Dana   Director ",
        "role": "Program director",
        "email": "dana@program.example",
        "callback_phone": "202 555 0143",
        "website": "",
    }
    return {**data, **changes}


def test_the_facility_page_links_to_the_claim_form(client, facility):
    page = client.get(facility.get_absolute_url()).content.decode()
    assert "Is this your program?" in page
    assert f'href="{claim_url(facility)}"' in page


def test_the_claim_form_names_the_listing_and_the_number_staff_will_call(client, facility):
    response = client.get(claim_url(facility))
    assert response.status_code == 200
    page = response.content.decode()
    assert facility.name in page
    digits = "".join(c for c in facility.phone if c.isdigit())[:10]
    shown = "".join(c for c in page if c.isdigit())
    assert digits in shown
    assert "no-store" in response["Cache-Control"] or "no-cache" in response["Cache-Control"]


def test_a_valid_claim_is_stored_encrypted_and_waits_for_a_call(client, facility):
    response = client.post(claim_url(facility), form_data())
    assert response.status_code == 302 and response["Location"] == reverse("representatives:claim_sent")
    claim = ListingClaim.objects.get()
    assert claim.facility == facility and claim.status == ClaimStatus.WAITING
    assert claim.full_name == "Dana Director"
    assert claim.callback_phone == "(202) 555-0143"
    with connection.cursor() as cursor:
        cursor.execute("SELECT full_name, email, role, callback_phone FROM representatives_listingclaim")
        stored = " ".join(cursor.fetchone())
    for plain in ("Dana", "program.example", "director", "555"):
        assert plain not in stored
    assert client.get(response["Location"]).status_code == 200


def test_it_rejects_a_claim_without_a_name_or_with_a_bad_email_or_phone(client, facility):
    response = client.post(claim_url(facility), form_data(full_name="", email="not-an-address", callback_phone="12"))
    assert response.status_code == 400
    page = response.content.decode()
    assert "Enter your name." in page
    assert "Enter an e-mail address like name@example.com." in page
    assert "Enter a phone number with its area code" in page
    assert 'aria-invalid="true"' in page
    assert not ListingClaim.objects.exists()


def test_a_bot_filling_the_hidden_field_is_shown_success_and_nothing_is_stored(client, facility):
    response = client.post(claim_url(facility), form_data(website="https://spam.example"))
    assert response.status_code == 302 and response["Location"] == reverse("representatives:claim_sent")
    assert not ListingClaim.objects.exists()


def test_claims_from_one_address_are_limited(client, facility, settings):
    settings.LISTING_CLAIM_RATE_LIMIT_PER_IP = 2
    for n in range(2):
        assert client.post(claim_url(facility), form_data(email=f"p{n}@program.example")).status_code == 302
    response = client.post(claim_url(facility), form_data(email="p9@program.example"))
    assert response.status_code == 429
    assert ListingClaim.objects.count() == 2


def test_claims_for_one_email_address_are_limited_across_addresses(facility, settings):
    from django.test import Client

    settings.LISTING_CLAIM_RATE_LIMIT_PER_EMAIL = 1
    assert Client(REMOTE_ADDR="203.0.113.1").post(claim_url(facility), form_data()).status_code == 302
    response = Client(REMOTE_ADDR="203.0.113.2").post(claim_url(facility), form_data(email="DANA@program.example"))
    assert response.status_code == 429


def test_mistakes_count_toward_the_limit_too(client, facility, settings):
    settings.LISTING_CLAIM_RATE_LIMIT_PER_IP = 1
    assert client.post(claim_url(facility), form_data(full_name="")).status_code == 400
    assert client.post(claim_url(facility), form_data()).status_code == 429


def test_an_unknown_or_unpublished_listing_has_no_claim_form(client, facility):
    assert client.get(reverse("representatives:claim", args=["no-such-id"])).status_code == 404
    facility.published = False
    facility.save()
    assert client.get(claim_url(facility)).status_code == 404
    assert client.post(claim_url(facility), form_data()).status_code == 404


def test_the_claim_form_is_in_spanish_for_a_spanish_visitor(client, facility):
    page = client.get(claim_url(facility), HTTP_ACCEPT_LANGUAGE="es").content.decode()
    assert 'lang="es"' in page
    assert "Gestionar esta ficha" in page
