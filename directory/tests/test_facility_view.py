"""The facility page: everything the directory knows, honestly sourced, with phones one tap away."""

import json
import re

import pytest

from directory.models import Facility

pytestmark = pytest.mark.django_db


@pytest.fixture
def facility():
    return Facility.objects.filter(published=True, city="Houston").exclude(intake_phones=[]).order_by("pk").first()


def test_it_shows_tap_to_call_links_for_the_main_and_intake_phones(client, facility):
    body = client.get(facility.get_absolute_url()).content.decode()
    assert body.count('class="call" href="tel:') >= 2


def test_it_names_the_source_edition_and_map_precision(client, facility):
    body = client.get(facility.get_absolute_url()).content.decode()
    assert "From SAMHSA National Directory 2023." in body
    assert "Its map position is the ZIP code center." in body


def test_the_full_survey_list_is_grouped_under_plain_names_and_folded_away(client, facility):
    body = client.get(facility.get_absolute_url()).content.decode()
    full_list = body[body.index('class="full-list') :]
    assert "<details>" in full_list and "<details open" not in full_list
    assert "<h3>Payment and insurance accepted</h3>" in full_list
    assert "Payment/Insurance/Funding Accepted" not in body
    assert "Intensive outpatient treatment" in full_list or "Regular outpatient treatment" in full_list


def test_the_programs_own_phone_comes_before_everything_else_it_says(client, facility):
    body = client.get(facility.get_absolute_url()).content.decode()
    call = body.index('class="call" href="tel:')
    assert call < body.index("At a glance") < body.index("Signs of quality") < body.index("Everything the listing says")
    assert "Call the program" in body[call : call + 200]


def test_the_coverage_check_sits_with_the_payment_facts(client, facility):
    body = client.get(facility.get_absolute_url()).content.decode()
    payment = body[body.index('class="fact fact-pay"') :]
    payment = payment[: payment.index("</div>")]
    # A form, not a link: the program travels in the POST body, never in a URL.
    assert 'action="/coverage/for-program/"' in payment
    assert f'name="facility" value="{facility.public_id}"' in payment


def test_it_says_what_the_listing_does_not_and_what_to_ask(client, facility):
    body = client.get(facility.get_absolute_url()).content.decode()
    assert "What the listing does not say" in body
    questions = body[body.index('class="questions"') :]
    assert questions.count("<li>") >= 7
    assert "How soon can I start?" in questions and "What happens after IOP ends?" in questions


def test_a_listing_without_any_phone_says_so_instead_of_an_empty_list(client, facility):
    Facility.objects.filter(pk=facility.pk).update(phone="", intake_phones=[], hotline="")
    body = client.get(facility.get_absolute_url()).content.decode()
    assert "The listing gives no phone number." in body


def test_it_offers_directions_and_a_way_to_report_a_problem(client, facility):
    body = client.get(facility.get_absolute_url()).content.decode()
    assert "Directions</a>" in body
    assert f'href="/facility/{facility.public_id}/report/"' in body


def test_it_describes_the_program_in_schema_org_json_ld(client, facility):
    body = client.get(facility.get_absolute_url()).content.decode()
    block = re.search(r'<script type="application/ld\+json"[^>]*>(.*?)</script>', body, re.S)
    assert block is not None
    data = json.loads(block.group(1))
    assert data["@type"] == "MedicalClinic"
    assert data["address"]["postalCode"] == facility.zip_code
    assert data["telephone"]


def test_json_ld_cannot_be_broken_out_of_by_a_listing_name(client, facility):
    Facility.objects.filter(pk=facility.pk).update(name="</script><script>alert(1)</script>")
    body = client.get(facility.get_absolute_url()).content.decode()
    assert "<script>alert(1)" not in body


def test_an_unpublished_listing_says_it_is_gone(client, facility):
    Facility.objects.filter(pk=facility.pk).update(published=False)
    response = client.get(facility.get_absolute_url())
    assert response.status_code == 410


def test_an_unknown_listing_is_not_found(client):
    assert client.get("/facility/nosuchlisting/").status_code == 404
