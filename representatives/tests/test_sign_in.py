"""Signing in by e-mailed link: once, within 15 minutes, only as sent, only for representatives, never logged."""

import logging
import time
from unittest import mock

import pytest
from axes.models import AccessAttempt, AccessFailureLog
from django.core import mail
from django.test import Client
from django.urls import reverse
from sesame.utils import get_token

from representatives.sign_in import SCOPE, sign_in_link_send
from representatives.tests.conftest import last_link

pytestmark = pytest.mark.django_db

LISTINGS = reverse("representatives:listings")
SIGN_IN = reverse("representatives:sign_in")


def use(client: Client, link: tuple[str, dict[str, str]]):
    path, query = link
    return client.post(path, query)


def signed_in(client: Client) -> bool:
    return client.get(LISTINGS).status_code == 200


def test_the_link_signs_in_once(representative):
    link = last_link()
    first = Client()
    response = use(first, link)
    assert response.status_code == 302 and response["Location"] == LISTINGS
    assert signed_in(first)
    second = Client()
    response = use(second, link)
    assert response.status_code == 400
    assert "This sign-in link does not work" in response.content.decode()
    assert not signed_in(second)


def test_opening_the_link_only_shows_a_button_and_does_not_spend_it(representative):
    path, query = last_link()
    scanner = Client()
    page = scanner.get(path, query)
    assert page.status_code == 200 and "no-store" in page["Cache-Control"]
    assert not signed_in(scanner)
    assert scanner.get(path, query).status_code == 200
    assert use(Client(), (path, query)).status_code == 302


def test_the_link_fails_after_15_minutes(representative):
    sixteen_minutes_ago = time.time() - 16 * 60
    with mock.patch("time.time", return_value=sixteen_minutes_ago):
        sign_in_link_send(representative=representative, language="en")
    client = Client()
    assert use(client, last_link()).status_code == 400
    assert not signed_in(client)


def test_the_link_still_works_at_14_minutes(representative):
    fourteen_minutes_ago = time.time() - 14 * 60
    with mock.patch("time.time", return_value=fourteen_minutes_ago):
        sign_in_link_send(representative=representative, language="en")
    assert use(Client(), last_link()).status_code == 302


def test_signing_in_spends_every_link_sent_before(representative):
    older = last_link()
    sign_in_link_send(representative=representative, language="en")
    newer = last_link()
    assert use(Client(), newer).status_code == 302
    assert use(Client(), older).status_code == 400


@pytest.mark.parametrize(
    "tamper",
    [
        lambda query: {**query, "token": query["token"][:-2] + ("AA" if not query["token"].endswith("AA") else "BB")},
        lambda query: {**query, "account": "program-000000000000"},
        lambda query: {"account": query["account"]},
        lambda query: {**query, "token": "x" * 500},
    ],
    ids=["token-changed", "other-account", "no-token", "oversized"],
)
def test_a_changed_or_incomplete_link_signs_no_one_in(representative, tamper):
    path, query = last_link()
    client = Client()
    response = client.post(path, tamper(query))
    assert response.status_code == 400
    assert not signed_in(client)


def test_a_link_token_made_for_a_staff_account_signs_no_one_in(reviewer):
    token = get_token(reviewer, SCOPE)
    client = Client()
    response = client.post(reverse("representatives:sign_in_link"), {"account": reviewer.username, "token": token})
    assert response.status_code == 400
    assert client.get(reverse("intake_staff:list")).status_code == 302


def test_a_link_of_another_scope_signs_no_one_in(representative):
    token = get_token(representative.user)  # django-sesame's default scope
    response = Client().post(
        reverse("representatives:sign_in_link"), {"account": representative.user.username, "token": token}
    )
    assert response.status_code == 400


def test_the_token_is_never_logged_nor_kept_by_the_lockout_records(representative, caplog):
    caplog.set_level(logging.DEBUG)
    caplog.set_level(logging.INFO, logger="iopfinder.requests")  # the request line production writes
    path, query = last_link()
    client = Client()
    client.get(path, query)
    use(client, (path, query))
    use(Client(), (path, query))  # a failure, which django-axes records
    for record in caplog.records:
        assert query["token"] not in record.getMessage() and query["token"] not in str(record.__dict__)
    request_lines = [record for record in caplog.records if record.name == "iopfinder.requests"]
    assert request_lines and all(record.__dict__["path"] == path for record in request_lines)
    kept = " ".join(f"{a.get_data} {a.post_data}" for a in AccessAttempt.objects.all())
    kept += " ".join(f"{f.path_info}" for f in AccessFailureLog.objects.all())
    assert AccessAttempt.objects.exists() and query["token"] not in kept


def test_the_language_switch_on_the_link_page_does_not_carry_the_token(representative):
    path, query = last_link()
    page = Client().get(path, query).content.decode()
    language_form = page[page.index('name="next"') - 80 : page.index('name="next"') + 120]
    assert query["token"] not in language_form


def test_a_representative_asks_for_a_new_link_by_e_mail_address(representative):
    mail.outbox.clear()
    response = Client().post(SIGN_IN, {"email": " DANA@program.example "})
    assert response.status_code == 302 and response["Location"] == reverse("representatives:sign_in_sent")
    [message] = mail.outbox
    assert message.to == ["dana@program.example"]
    assert use(Client(), last_link()).status_code == 302


def test_an_unknown_address_gets_the_same_answer_and_no_e_mail(db):
    response = Client().post(SIGN_IN, {"email": "nobody@example.com"})
    assert response.status_code == 302 and response["Location"] == reverse("representatives:sign_in_sent")
    assert not mail.outbox


def test_it_rejects_a_sign_in_request_without_an_e_mail_address(db):
    response = Client().post(SIGN_IN, {"email": "not an address"})
    assert response.status_code == 400
    assert "Enter an e-mail address like name@example.com." in response.content.decode()


def test_link_requests_are_limited_per_address_and_per_e_mail(representative, settings):
    settings.SIGN_IN_LINK_RATE_LIMIT_PER_EMAIL = 2
    for n in range(2):
        assert (
            Client(REMOTE_ADDR=f"203.0.113.{n + 1}").post(SIGN_IN, {"email": "dana@program.example"}).status_code == 302
        )
    assert Client(REMOTE_ADDR="203.0.113.9").post(SIGN_IN, {"email": "dana@program.example"}).status_code == 429
    settings.SIGN_IN_LINK_RATE_LIMIT_PER_IP = 1
    office = Client(REMOTE_ADDR="198.51.100.7")
    assert office.post(SIGN_IN, {"email": "a@example.com"}).status_code == 302
    assert office.post(SIGN_IN, {"email": "b@example.com"}).status_code == 429


def test_a_representative_signs_out(representative):
    client = Client()
    use(client, last_link())
    assert client.post(reverse("representatives:sign_out")).status_code == 302
    assert not signed_in(client)


def test_staff_are_not_representatives_even_when_signed_in(reviewer_client):
    response = reviewer_client.get(LISTINGS)
    assert response.status_code == 302 and response["Location"] == SIGN_IN


def test_a_session_ends_when_its_account_is_made_staff(representative):
    client = Client()
    use(client, last_link())
    representative.user.is_staff = True
    representative.user.save()
    assert not signed_in(client)
