"""An admin adds a reviewer in a real browser, and the new reviewer signs in with what the page showed once."""

import re
import time

import pytest
from django.contrib.auth.models import Group, User
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import Page, expect

from intake.roles import ADMIN, REVIEWER, role_of
from intake.tests.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("seeded_transactional_db")]


def sign_in(page: Page, base_url: str, username: str, password: str, device: TOTPDevice) -> None:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time()
    page.goto(base_url + "/staff/login/")
    page.get_by_label("User name").fill(username)
    page.get_by_label("Password", exact=True).fill(password)
    page.get_by_label("Code from your authenticator app").fill(f"{totp.token():06d}")
    page.get_by_role("button", name="Sign in").click()


def test_an_admin_adds_a_reviewer_who_then_signs_in(page: Page, live_server, axe_violations):
    admin = User.objects.create_user(username="adam", password=PASSWORD, is_staff=True)
    admin.groups.add(Group.objects.get(name=ADMIN))
    sign_in(page, live_server.url, "adam", PASSWORD, TOTPDevice.objects.create(user=admin, name="phone"))

    page.get_by_role("link", name="Staff accounts").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Staff accounts")
    assert axe_violations(page) == []
    page.get_by_role("link", name="Add a staff account").click()
    expect(page.get_by_label("Role")).not_to_contain_text("Admin")
    assert axe_violations(page) == []
    page.get_by_label("User name").fill("new.reviewer")
    page.get_by_label("Role").select_option(REVIEWER)
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("status")).to_contain_text("Account created")

    page.get_by_role("button", name="Set up a new sign-in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("New sign-in for new.reviewer")
    assert axe_violations(page) == []
    password = page.locator("dd code").first.inner_text()
    assert re.fullmatch(r"[\w-]{16,}", password)
    page.get_by_role("button", name="Sign out").click()

    reviewer = User.objects.get(username="new.reviewer")
    assert role_of(reviewer) == REVIEWER and not reviewer.is_superuser
    sign_in(page, live_server.url, "new.reviewer", password, TOTPDevice.objects.get(user=reviewer))
    expect(page.get_by_role("heading", level=1)).to_have_text("Coverage requests")
