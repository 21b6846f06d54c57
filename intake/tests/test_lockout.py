"""Lockouts cannot be turned against staff: a user name locks per address, and only slowly across addresses."""

import pytest
from django.test import Client
from django_otp.plugins.otp_totp.models import TOTPDevice

from intake.tests.conftest import PASSWORD
from intake.tests.test_staff_auth import current_code, sign_in

pytestmark = pytest.mark.django_db


def from_address(address: str) -> Client:
    return Client(REMOTE_ADDR=address)


def fail(client: Client, username: str, times: int) -> None:
    for _ in range(times):
        assert sign_in(client, username, "wrong password", "000000").status_code in {400, 429}


def right_sign_in(client: Client, user) -> int:
    return sign_in(client, user.username, PASSWORD, current_code(TOTPDevice.objects.get(user=user))).status_code


def test_guessing_a_staff_user_name_from_one_address_does_not_lock_its_owner_out_elsewhere(reviewer, settings):
    attacker = from_address("203.0.113.9")
    fail(attacker, reviewer.username, settings.AXES_FAILURE_LIMIT)
    assert right_sign_in(attacker, reviewer) == 429
    assert right_sign_in(from_address("198.51.100.20"), reviewer) == 302


def test_one_addresss_failures_do_not_lock_other_accounts_signing_in_from_it(reviewer, admin_user, settings):
    office = from_address("192.0.2.44")
    fail(office, reviewer.username, settings.AXES_FAILURE_LIMIT)
    assert right_sign_in(office, admin_user) == 302


def test_a_user_name_guessed_from_many_addresses_locks_everywhere_at_the_slower_threshold(reviewer, settings):
    settings.AXES_USERNAME_FAILURE_LIMIT = 3 * (settings.AXES_FAILURE_LIMIT - 1)
    for n in range(3):  # each address stays below the per-address limit
        fail(from_address(f"203.0.113.{n + 1}"), reviewer.username, settings.AXES_FAILURE_LIMIT - 1)
    assert right_sign_in(from_address("198.51.100.20"), reviewer) == 429


def test_failures_below_the_slower_threshold_do_not_lock_a_user_name(reviewer, settings):
    settings.AXES_USERNAME_FAILURE_LIMIT = 3 * (settings.AXES_FAILURE_LIMIT - 1) + 1
    for n in range(3):
        fail(from_address(f"203.0.113.{n + 1}"), reviewer.username, settings.AXES_FAILURE_LIMIT - 1)
    assert right_sign_in(from_address("198.51.100.20"), reviewer) == 302


def test_a_successful_sign_in_starts_the_slower_count_afresh(reviewer, settings):
    settings.AXES_USERNAME_FAILURE_LIMIT = 2 * (settings.AXES_FAILURE_LIMIT - 1)
    fail(from_address("203.0.113.1"), reviewer.username, settings.AXES_FAILURE_LIMIT - 1)
    assert right_sign_in(from_address("198.51.100.20"), reviewer) == 302
    TOTPDevice.objects.filter(user=reviewer).update(last_t=-1)  # the same code may be used again in this test
    fail(from_address("203.0.113.2"), reviewer.username, settings.AXES_FAILURE_LIMIT - 1)
    assert right_sign_in(from_address("198.51.100.21"), reviewer) == 302


def test_the_address_counted_is_the_one_trusted_proxies_name(reviewer, settings):
    settings.TRUSTED_PROXIES = 1
    attacker = Client(HTTP_X_FORWARDED_FOR="203.0.113.9", REMOTE_ADDR="10.0.0.1")
    fail(attacker, reviewer.username, settings.AXES_FAILURE_LIMIT)
    owner = Client(HTTP_X_FORWARDED_FOR="198.51.100.20", REMOTE_ADDR="10.0.0.1")
    assert right_sign_in(owner, reviewer) == 302
