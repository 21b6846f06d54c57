"""Representative accounts lock out like staff accounts: failed links count per account name and address."""

import pytest
from django.test import Client

from representatives.sign_in import sign_in_link_send
from representatives.tests.conftest import last_link

pytestmark = pytest.mark.django_db

FORGED = "A" * 24  # shaped like a link token, signed by no one


def fail(client: Client, account: str, times: int) -> None:
    path, _query = last_link()
    for _ in range(times):
        assert client.post(path, {"account": account, "token": FORGED}).status_code in {400, 429}


def fresh_link(representative) -> tuple[str, dict[str, str]]:
    sign_in_link_send(representative=representative, language="en")
    return last_link()


def test_repeated_failed_links_lock_the_account_at_that_address(representative, settings):
    attacker = Client(REMOTE_ADDR="203.0.113.9")
    fail(attacker, representative.user.username, settings.AXES_FAILURE_LIMIT)
    path, query = fresh_link(representative)
    response = attacker.post(path, query)
    assert response.status_code == 429
    assert "Too many failed sign-ins" in response.content.decode()
    assert attacker.get("/programs/").status_code == 302


def test_the_locked_account_still_signs_in_from_its_own_address(representative, settings):
    fail(Client(REMOTE_ADDR="203.0.113.9"), representative.user.username, settings.AXES_FAILURE_LIMIT)
    path, query = fresh_link(representative)
    assert Client(REMOTE_ADDR="198.51.100.20").post(path, query).status_code == 302


def test_failures_below_the_limit_do_not_lock(representative, settings):
    client = Client(REMOTE_ADDR="203.0.113.9")
    fail(client, representative.user.username, settings.AXES_FAILURE_LIMIT - 1)
    path, query = fresh_link(representative)
    assert client.post(path, query).status_code == 302


def test_an_account_guessed_from_many_addresses_locks_everywhere_at_the_slower_threshold(representative, settings):
    settings.AXES_USERNAME_FAILURE_LIMIT = 3 * (settings.AXES_FAILURE_LIMIT - 1)
    for n in range(3):
        fail(Client(REMOTE_ADDR=f"203.0.113.{n + 1}"), representative.user.username, settings.AXES_FAILURE_LIMIT - 1)
    path, query = fresh_link(representative)
    assert Client(REMOTE_ADDR="198.51.100.20").post(path, query).status_code == 429
