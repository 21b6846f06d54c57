"""Staff sign-in: password and TOTP code together, lockout after repeated failures, CSRF, idle sessions."""

import time

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from intake.tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db

LOGIN = reverse("intake_staff:login")
LIST = reverse("intake_staff:list")


def current_code(device: TOTPDevice) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time()
    return f"{totp.token():0{device.digits}d}"


def sign_in(client: Client, username: str, password: str, code: str):
    return client.post(LOGIN, {"username": username, "password": password, "otp_token": code})


def test_a_reviewer_signs_in_with_password_and_code_and_reaches_the_requests(client, reviewer):
    response = sign_in(client, reviewer.username, PASSWORD, current_code(TOTPDevice.objects.get(user=reviewer)))
    assert response.status_code == 302 and response["Location"] == LIST
    assert client.get(LIST).status_code == 200


def test_the_right_password_with_a_wrong_code_does_not_sign_in(client, reviewer):
    response = sign_in(client, reviewer.username, PASSWORD, "000000")
    assert response.status_code == 400
    assert b"do not match" in response.content
    assert client.get(LIST).status_code == 302


def test_the_right_password_without_a_code_does_not_sign_in(client, reviewer):
    response = sign_in(client, reviewer.username, PASSWORD, "")
    assert response.status_code == 400
    assert client.get(LIST).status_code == 302


def test_a_staff_account_without_a_confirmed_device_cannot_sign_in(client, reviewer):
    device = TOTPDevice.objects.get(user=reviewer)
    code = current_code(device)
    TOTPDevice.objects.filter(pk=device.pk).update(confirmed=False)
    assert sign_in(client, reviewer.username, PASSWORD, code).status_code == 400
    assert client.get(LIST).status_code == 302


def test_an_account_locks_after_repeated_failed_passwords(client, reviewer):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, reviewer.username, "wrong password", "000000")
    code = current_code(TOTPDevice.objects.get(user=reviewer))
    response = sign_in(client, reviewer.username, PASSWORD, code)
    assert response.status_code == 429
    assert b"Too many failed sign-ins" in response.content
    assert client.get(LIST).status_code == 302


def test_an_account_locks_after_repeated_wrong_codes(reviewer):
    client = Client(REMOTE_ADDR="10.1.1.1")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, reviewer.username, PASSWORD, "000000")
    response = sign_in(client, reviewer.username, PASSWORD, current_code(TOTPDevice.objects.get(user=reviewer)))
    assert response.status_code == 429


def test_sign_in_needs_the_csrf_token(reviewer):
    client = Client(enforce_csrf_checks=True)
    response = sign_in(client, reviewer.username, PASSWORD, current_code(TOTPDevice.objects.get(user=reviewer)))
    assert response.status_code == 403
    assert client.get(LIST).status_code == 302


def test_a_redirect_after_sign_in_stays_on_this_site(client, reviewer):
    code = current_code(TOTPDevice.objects.get(user=reviewer))
    response = client.post(
        LOGIN + "?next=https://evil.example/", {"username": reviewer.username, "password": PASSWORD, "otp_token": code}
    )
    assert response["Location"] == LIST


def test_staff_sessions_end_after_a_short_idle_time(reviewer_client):
    reviewer_client.get(LIST)
    assert reviewer_client.session.get_expiry_age() <= 30 * 60
    assert settings.SESSION_SAVE_EVERY_REQUEST  # each request restarts the idle clock


def test_signing_out_ends_the_back_office_session(reviewer_client):
    reviewer_client.post(reverse("intake_staff:logout"))
    assert reviewer_client.get(LIST).status_code == 302


def test_the_admin_site_also_asks_for_the_second_factor(admin_user):
    admin_user.is_superuser = True
    admin_user.save()
    password_only = Client()
    password_only.force_login(admin_user)
    assert password_only.get("/admin/").status_code == 302
