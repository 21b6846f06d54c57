"""Two journeys in a real browser: a person asking from a facility page, and a reviewer working the request."""

import time

import pytest
from django.contrib.auth.models import Group, User
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import Page, expect

from directory.models import Facility
from intake.choices import Status
from intake.models import AuditEntry, CoverageRequest
from intake.roles import REVIEWER
from intake.tests.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("seeded_transactional_db")]


def test_a_person_asks_about_coverage_from_a_facility_page(page: Page, live_server, axe_violations):
    facility = Facility.objects.filter(published=True).exclude(phone="").order_by("pk")[0]
    page.goto(live_server.url + facility.get_absolute_url())
    # The facility's own number stays on its page; the site helpline sits in the header beside it.
    expect(page.locator("a.call").first).to_be_visible()
    expect(page.get_by_role("link", name="Who answers this call?")).to_be_visible()

    page.get_by_role("button", name="Ask whether my insurance covers this program").click()
    expect(page).to_have_url(f"{live_server.url}/coverage/for-program/")
    expect(page.locator(".asking-about")).to_contain_text(facility.name)
    assert axe_violations(page) == []

    page.get_by_label("Full name").fill("Robin Browser")
    page.get_by_label("Date of birth").fill("1985-09-14")
    page.get_by_label("State you live in").select_option("OH")
    page.get_by_label("Phone number", exact=True).fill("614-555-0123")
    page.get_by_label("Insurance", exact=True).select_option("medicaid")
    page.get_by_role("button", name="Send my request").click()

    # Forgot the member ID and the consent: both are flagged, and what was typed is still there.
    expect(page.get_by_role("alert")).to_contain_text("Enter the member ID")
    expect(page.get_by_role("alert")).to_contain_text("Tick the box to let us contact you")
    expect(page.get_by_label("Full name")).to_have_value("Robin Browser")
    assert axe_violations(page) == []
    page.get_by_role("alert").get_by_role("link", name="Enter the member ID from your insurance card.").click()
    expect(page.get_by_label("Member ID")).to_be_focused()

    page.get_by_label("Member ID").fill("OH-998877")
    page.get_by_label("I agree that IOP Finder's coverage team may contact me").check()
    page.get_by_label("I also agree that IOP Finder may share my request").check()
    page.get_by_role("button", name="Send my request").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("We have your request")
    expect(page.locator("main")).to_contain_text("we will call the phone number you gave us")
    expect(page.locator("main")).to_contain_text("988")
    expect(page.locator("main")).to_contain_text("1-800-662-4357")
    assert "Robin" not in page.url and "998877" not in page.url and facility.public_id not in page.url
    expect(page.locator("main")).to_contain_text(facility.name)
    assert axe_violations(page) == []

    stored = CoverageRequest.objects.get()
    assert stored.member_id == "OH-998877" and stored.share_facility == facility


def test_a_reviewer_signs_in_with_a_code_and_works_a_request(page: Page, live_server, axe_violations):
    reviewer = User.objects.create_user(username="rita", password=PASSWORD, is_staff=True)
    reviewer.groups.add(Group.objects.get(name=REVIEWER))
    device = TOTPDevice.objects.create(user=reviewer, name="phone", confirmed=True)
    page.goto(live_server.url + "/coverage/new/")
    page.get_by_label("Full name").fill("Casey Journey")
    page.get_by_label("Date of birth").fill("1979-12-01")
    page.get_by_label("State you live in").select_option("WA")
    page.get_by_label("E-mail address", exact=True).fill("casey@example.com")
    page.get_by_label("Insurance", exact=True).select_option("none")
    page.get_by_label("I agree that IOP Finder's coverage team may contact me").check()
    page.get_by_role("button", name="Send my request").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("We have your request")

    page.goto(live_server.url + "/staff/requests/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Staff sign-in")
    assert axe_violations(page) == []
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time()
    page.get_by_label("User name").fill("rita")
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_label("Code from your authenticator app").fill(f"{totp.token():06d}")
    page.get_by_role("button", name="Sign in").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Coverage requests")
    assert axe_violations(page) == []
    page.get_by_role("link", name="Open request").first.click()
    expect(page.locator(".request-data")).to_contain_text("Casey Journey")
    expect(page.locator(".request-data")).to_contain_text("casey@example.com")
    assert axe_violations(page) == []

    page.get_by_label("Status", exact=True).select_option(Status.CONTACTED)
    page.get_by_role("button", name="Change status").click()
    expect(page.get_by_role("status")).to_contain_text("Status changed.")
    page.get_by_label("Note", exact=True).fill("Wrote back about sliding-scale programs.")
    page.get_by_role("button", name="Add note").click()
    expect(page.locator(".notes")).to_contain_text("sliding-scale")
    expect(page.locator(".audit")).to_contain_text("changed status")

    page.get_by_role("button", name="Sign out").click()
    page.goto(live_server.url + "/staff/requests/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Staff sign-in")

    assert CoverageRequest.objects.get().status == Status.CONTACTED
    assert AuditEntry.objects.filter(actor=reviewer, action="view").count() >= 1
