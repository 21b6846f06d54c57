"""The public coverage-request form: happy path, every validation error, consent, honeypot, rate limit."""

import pytest
from django.test import Client
from django.urls import reverse

from intake.choices import Status
from intake.models import CoverageRequest
from intake.views import SENT_FACILITY_COOKIE

pytestmark = pytest.mark.django_db
NEW = reverse("intake:new")
FOR_PROGRAM = reverse("intake:for_facility")


def post(client: Client, data: dict[str, str], **query: str):
    url = NEW + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")
    return client.post(url, data)


def test_the_form_page_is_private_and_uncached(client):
    response = client.get(NEW)
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert b"Does my insurance cover it?" in response.content


def test_a_complete_request_is_stored_and_the_person_is_told_what_happens_next(client, form_data):
    response = post(client, form_data)
    assert response.status_code == 302
    stored = CoverageRequest.objects.get()
    assert stored.full_name == "Jordan Example"
    assert stored.date_of_birth == "1980-05-17"
    assert stored.phone == "+12025550143"
    assert stored.status == Status.NEW
    assert stored.consent_version and len(stored.contact_consent_sha256) == 64
    assert stored.share_facility is None and stored.share_consent_at is None
    assert "Jordan" not in response["Location"] and "555" not in response["Location"]

    confirmation = client.get(response["Location"])
    assert b"coverage team" in confirmation.content
    assert b"call you or write to you" in confirmation.content
    assert b"988" in confirmation.content and b"1-800-662-4357" in confirmation.content
    assert "no-store" in confirmation["Cache-Control"]


def test_a_request_from_a_facility_page_names_the_facility_and_may_be_shared_with_it(client, form_data, facility):
    page = client.post(FOR_PROGRAM, {"facility": facility.public_id})
    assert page.status_code == 200 and "no-store" in page["Cache-Control"]
    assert facility.name.encode() in page.content.replace(b"&amp;", b"&")
    assert b'name="share_consent"' in page.content

    post(client, {**form_data, "facility": facility.public_id, "share_consent": "on"})
    stored = CoverageRequest.objects.get()
    assert stored.facility == facility
    assert stored.share_facility == facility and stored.share_consent_at is not None
    assert stored.may_be_shared


def test_sharing_is_a_separate_choice_left_off_by_default(client, form_data, facility):
    post(client, {**form_data, "facility": facility.public_id})
    stored = CoverageRequest.objects.get()
    assert stored.facility == facility
    assert not stored.may_be_shared


def test_an_unknown_facility_id_is_ignored_rather_than_failing(client):
    response = client.post(FOR_PROGRAM, {"facility": "no-such-program-at-all"})
    assert response.status_code == 200
    assert b'name="share_consent"' not in response.content


def test_no_url_of_the_journey_names_the_program(client, form_data, facility):
    """Access logs keep URLs: neither the form, nor its confirmation, nor a link to them carries the program."""
    from django.template.loader import render_to_string

    link = render_to_string("intake/_ask_coverage_link.html", {"facility": facility})
    assert 'method="post"' in link and f"?facility={facility.public_id}" not in link
    started = client.post(FOR_PROGRAM, {"facility": facility.public_id})
    assert started.request["QUERY_STRING"] == ""
    sent = post(client, {**form_data, "facility": facility.public_id})
    assert facility.public_id not in sent["Location"]
    confirmation = client.get(sent["Location"])
    assert facility.name.encode() in confirmation.content.replace(b"&amp;", b"&")


def test_a_program_in_the_query_string_is_not_taken_up(client, facility):
    page = client.get(NEW, {"facility": facility.public_id})
    assert page.status_code == 200 and b'name="share_consent"' not in page.content
    assert b'name="facility"' not in page.content and b"asking-about" not in page.content


def test_the_confirmation_ignores_a_program_cookie_that_was_not_signed_here(client, facility):
    client.cookies[SENT_FACILITY_COOKIE] = facility.public_id
    page = client.get(reverse("intake:sent"), {"by": "phone"})
    assert page.status_code == 200 and facility.name.encode() not in page.content.replace(b"&amp;", b"&")


def test_starting_from_a_program_page_stores_nothing_and_needs_no_token(facility):
    guarded = Client(enforce_csrf_checks=True)
    assert guarded.post(FOR_PROGRAM, {"facility": facility.public_id}).status_code == 200
    assert guarded.get(FOR_PROGRAM).status_code == 405
    assert not CoverageRequest.objects.exists()


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"full_name": ""}, "full_name", "Enter your full name."),
        ({"date_of_birth": ""}, "date_of_birth", "Enter your date of birth."),
        ({"date_of_birth": "17th of May"}, "date_of_birth", "Enter your date of birth as year-month-day"),
        ({"date_of_birth": "2999-01-01"}, "date_of_birth", "cannot be in the future"),
        ({"date_of_birth": "1800-01-01"}, "date_of_birth", "Check the year"),
        ({"phone": "12"}, "phone", "Enter a phone number with its area code"),
        ({"phone": "", "email": ""}, "phone", "Give a phone number or an e-mail address"),
        ({"email": "not-an-address"}, "email", "Enter an e-mail address like"),
        ({"contact_time": "midnight"}, "contact_time", "Select a valid choice"),
        ({"state": ""}, "state", "Choose the state you live in."),
        ({"state": "XX"}, "state", "Select a valid choice"),
        ({"carrier": ""}, "carrier", "Choose your insurance"),
        ({"member_id": ""}, "member_id", "Enter the member ID"),
        ({"member_id": "x" * 51}, "member_id", "at most 50 characters"),
        ({"message": "x" * 2001}, "message", "at most 2000 characters"),
        ({"contact_consent": ""}, "contact_consent", "Tick the box to let us contact you"),
    ],
)
def test_each_mistake_is_shown_next_to_its_field_and_nothing_typed_is_lost(client, form_data, changes, field, message):
    data = {**form_data, **changes}
    if changes.get("contact_consent") == "":
        del data["contact_consent"]
    response = post(client, data)
    assert response.status_code == 400
    assert not CoverageRequest.objects.exists()
    html = response.content.decode()
    assert message in html.replace("&#x27;", "'").replace("&quot;", '"')
    assert f'href="#id_{field}"' in html  # the error summary links to the field
    assert f'id="id_{field}_error"' in html
    assert 'aria-invalid="true"' in html
    kept = {"full_name": "Jordan Example", "member_id": "W123456789", "email": "jordan@example.com"}
    for name, value in kept.items():
        if name not in changes:
            assert f'value="{value}"' in html


def test_no_insurance_needs_no_member_id(client, form_data):
    response = post(client, {**form_data, "carrier": "none", "member_id": ""})
    assert response.status_code == 302
    assert CoverageRequest.objects.get().member_id == ""


def test_an_e_mail_address_alone_is_enough_to_reach_someone(client, form_data):
    response = post(client, {**form_data, "phone": ""})
    assert response.status_code == 302
    assert "by=email" in response["Location"]


def test_the_form_asks_nothing_about_health_or_substances(client):
    html = client.get(NEW).content.decode().lower()
    for question in ("diagnos", "which substance", "drug of choice", "alcohol use"):
        assert question not in html


def test_a_filled_honeypot_looks_accepted_but_stores_nothing(client, form_data):
    response = post(client, {**form_data, "website": "http://spam.example"})
    assert response.status_code == 302
    assert not CoverageRequest.objects.exists()


def test_too_many_requests_from_one_connection_get_a_friendly_429(client, form_data, settings):
    settings.COVERAGE_RATE_LIMIT_PER_IP = 2
    for n in range(2):
        assert post(client, {**form_data, "phone": f"202-555-01{n:02d}"}).status_code == 302
    response = post(client, {**form_data, "phone": "202-555-0177"})
    assert response.status_code == 429
    assert b"we have it and will contact you" in response.content
    assert CoverageRequest.objects.count() == 2


def test_mistaken_posts_count_toward_the_limit_from_one_connection(client, form_data, settings):
    settings.COVERAGE_RATE_LIMIT_PER_IP = 2
    for _ in range(2):
        assert post(client, {**form_data, "full_name": ""}).status_code == 400
    assert post(client, form_data).status_code == 429
    assert not CoverageRequest.objects.exists()


def test_honeypot_posts_count_toward_the_limit_from_one_connection(client, form_data, settings):
    settings.COVERAGE_RATE_LIMIT_PER_IP = 2
    for _ in range(2):
        assert post(client, {**form_data, "website": "http://spam.example"}).status_code == 302
    assert post(client, form_data).status_code == 429
    assert not CoverageRequest.objects.exists()


def test_mistaken_posts_with_a_valid_phone_count_toward_that_phones_limit(client, form_data, settings):
    settings.COVERAGE_RATE_LIMIT_PER_PHONE = 1
    assert post(client, {**form_data, "contact_consent": ""}).status_code == 400
    assert post(Client(REMOTE_ADDR="10.0.0.9"), form_data).status_code == 429
    assert not CoverageRequest.objects.exists()


def test_behind_a_trusted_proxy_each_visitor_has_their_own_allowance(form_data, settings):
    # Every request arrives from the proxy's address; the proxy names the visitor.
    settings.COVERAGE_RATE_LIMIT_PER_IP, settings.TRUSTED_PROXIES = 1, 1
    proxy = Client(REMOTE_ADDR="10.0.0.1")

    def from_visitor(address: str, phone: str) -> int:
        return proxy.post(NEW, {**form_data, "phone": phone}, HTTP_X_FORWARDED_FOR=address).status_code

    assert from_visitor("198.51.100.7", "202-555-0101") == 302
    assert from_visitor("198.51.100.7", "202-555-0102") == 429
    assert from_visitor("198.51.100.8", "202-555-0103") == 302


def test_too_many_requests_for_one_phone_number_get_a_429(client, form_data, settings):
    settings.COVERAGE_RATE_LIMIT_PER_PHONE = 1
    assert post(client, form_data).status_code == 302
    other_client = Client(REMOTE_ADDR="10.0.0.9")
    assert post(other_client, {**form_data, "phone": "(202) 555 0143"}).status_code == 429
    assert CoverageRequest.objects.count() == 1


def test_the_form_refuses_a_post_without_its_csrf_token(form_data):
    guarded = Client(enforce_csrf_checks=True)
    assert post(guarded, form_data).status_code == 403
    assert not CoverageRequest.objects.exists()


def test_the_form_accepts_a_post_with_its_csrf_token(form_data):
    guarded = Client(enforce_csrf_checks=True)
    guarded.get(NEW)
    token = guarded.cookies["csrftoken"].value
    assert post(guarded, {**form_data, "csrfmiddlewaretoken": token}).status_code == 302


def test_every_page_shows_the_helpline_and_who_answers_it(client):
    for url in ("/", NEW, reverse("intake:who_answers")):
        html = client.get(url).content.decode()
        assert "1-800-662-4357" in html
        assert reverse("intake:who_answers") in html and "Who answers this call?" in html


def test_the_who_answers_page_says_who_answers_and_that_no_facility_pays(client):
    html = client.get(reverse("intake:who_answers")).content.decode()
    assert "SAMHSA" in html
    assert "No treatment program pays" in html
    assert "What happens on the call" in html
    assert "988" in html


def test_the_helpline_number_is_configurable(client, settings):
    settings.SITE_HELPLINE = "1-888-555-0199"
    html = client.get("/").content.decode()
    assert "1-888-555-0199" in html and "tel:+18885550199" in html


def test_the_facility_link_include_starts_the_form_for_that_facility(facility):
    from django.template.loader import render_to_string

    html = render_to_string("intake/_ask_coverage_link.html", {"facility": facility})
    assert f'action="{FOR_PROGRAM}"' in html and f'value="{facility.public_id}"' in html
    assert "Ask whether my insurance covers this program" in html
