"""In Debian's Chromium: a representative claims a listing, staff verify it by phone, the representative signs in
from the e-mailed link and changes the schedule, staff accept it. And axe-core on every new page, in both languages.
"""

import re
import time
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.contrib.auth.models import Group, User
from django.core import mail
from django.db.models import Q
from django.test import Client
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import Browser, Page, expect

from directory.models import Facility
from directory.phones import parse_phone
from intake.roles import REVIEWER
from intake.tests.conftest import PASSWORD, signed_in_with_both_factors
from programs.models import ProgramFacts
from representatives.models import ClaimStatus, ListingClaim, ProgramUpdate, UpdateStatus
from representatives.sign_in import BACKEND, sign_in_link_send
from representatives.tests.conftest import claim_for, verified_representative
from representatives.update_services import program_update_submit

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("seeded_transactional_db")]


def a_listing_with_its_own_phone(offset: int = 0) -> Facility:
    return Facility.objects.filter(published=True).exclude(Q(phone="") | Q(phone__isnull=True)).order_by("pk")[offset]


def staff_sign_in(page: Page, base_url: str, user: User) -> None:
    device = TOTPDevice.objects.get(user=user)
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time()
    page.goto(base_url + "/staff/login/")
    page.get_by_label("User name").fill(user.username)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_label("Code from your authenticator app").fill(f"{totp.token():06d}")
    page.get_by_role("button", name="Sign in").click()


def new_reviewer(username: str = "rita") -> User:
    reviewer = User.objects.create_user(username=username, password=PASSWORD, is_staff=True)
    reviewer.groups.add(Group.objects.get(name=REVIEWER))
    TOTPDevice.objects.create(user=reviewer, name="phone", confirmed=True)
    return reviewer


def test_a_representative_claims_a_listing_and_changes_its_schedule(
    page: Page, browser: Browser, live_server, axe_violations
):
    facility = a_listing_with_its_own_phone()
    reviewer = new_reviewer()

    # The program's director finds the listing and asks to manage it.
    page.goto(live_server.url + facility.get_absolute_url())
    page.get_by_role("link", name="Manage this listing").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Manage this listing")
    page.get_by_label("Your name").fill("Dana Director")
    page.get_by_label("Your role at the program").fill("Program director")
    page.get_by_label("Work e-mail address").fill("dana@program.example")
    page.get_by_label("A phone number where we can reach you").fill("202-555-0143")
    page.get_by_role("button", name="Ask to manage this listing").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("We have your request")
    claim = ListingClaim.objects.get()

    # A reviewer calls the listing's own number and verifies.
    staff = browser.new_page()
    staff_sign_in(staff, live_server.url, reviewer)
    staff.get_by_role("link", name="Listing claims").click()
    staff.get_by_role("link", name=re.compile("Open claim")).first.click()
    expect(staff.locator(".call-box")).to_contain_text(parse_phone(facility.phone).display)
    staff.get_by_label("I called the listing's own number shown above").check()
    staff.get_by_label("Who you spoke to at the program").fill("Sam, office manager")
    staff.get_by_label("Verified: the program confirmed this person may manage the listing").check()
    staff.get_by_role("button", name="Record the decision").click()
    expect(staff.get_by_role("status")).to_contain_text("Verified.")
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.VERIFIED and claim.decided_by == reviewer

    # The link from the e-mail: opening it shows a button; pressing it signs in.
    [message] = mail.outbox
    link = next(word for word in str(message.body).split() if "/programs/sign-in/link/" in word)
    parts = urlsplit(link)
    page.goto(live_server.url + parts.path + "?" + parts.query)
    assert axe_violations(page) == []
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your listings")
    assert axe_violations(page) == []

    # The schedule: evenings, Monday, Wednesday and Thursday, 9 hours a week, 8 weeks; a two-week waiting list.
    page.get_by_role("link", name=re.compile("Update what the listing says")).click()
    for day in ("Monday", "Wednesday", "Thursday"):
        page.get_by_role("group", name="Days the IOP meets").get_by_label(day).check()
    page.get_by_label("Hours of group and counseling per week").fill("9")
    page.get_by_role("group", name="Is there an evening group?").get_by_label("Yes").check()
    page.get_by_label("Typical length of the program, in weeks").fill("8")
    page.get_by_role("group", name="Are you taking new clients?").get_by_label("Waiting list").check()
    page.get_by_role("button", name="Send changes").click()
    expect(page.get_by_role("alert")).to_contain_text("Say about how many weeks the waiting list is.")
    assert axe_violations(page) == []
    page.get_by_label("About how many weeks is the waiting list?").fill("2")
    page.get_by_role("button", name="Send changes").click()
    expect(page.get_by_role("status")).to_contain_text("yours wait for review")
    assert not ProgramFacts.objects.filter(facility=facility).exists()

    # Staff accept; the listing's facts now say so, dated by the program.
    staff.goto(live_server.url + "/staff/listings/updates/")
    staff.get_by_role("link", name=re.compile("Open update")).first.click()
    expect(staff.locator("table.changes")).to_contain_text("Monday, Wednesday, Thursday")
    staff.get_by_role("button", name="Accept and show").click()
    expect(staff.get_by_role("status")).to_contain_text("Accepted")
    facts = ProgramFacts.objects.get(facility=facility)
    assert facts.iop_days == ["mon", "wed", "thu"] and facts.evening_track is True
    assert facts.hours_per_week == 9 and facts.typical_weeks == 8 and facts.waiting_list_weeks == 2
    assert ProgramUpdate.objects.get().status == UpdateStatus.ACCEPTED

    page.reload()
    expect(page.locator(".fact-dates")).to_contain_text("Schedule: updated by the program on")
    # The same link does not sign in twice.
    again = browser.new_page()
    again.goto(live_server.url + parts.path + "?" + parts.query)
    again.get_by_role("button", name="Sign in").click()
    expect(again.get_by_role("heading", level=1)).to_have_text("This sign-in link does not work")
    # Pages of their own context outlive the test otherwise, and their open connections with it.
    staff.close()
    again.close()


def test_every_new_page_is_axe_clean_in_english_and_spanish(page: Page, live_server, axe_violations):
    facility, other = a_listing_with_its_own_phone(0), a_listing_with_its_own_phone(1)
    reviewer = new_reviewer()
    representative = verified_representative(facility, reviewer)
    program_update_submit(
        representative=representative, facility=facility, changes={"hours_per_week": 9}, ip_address=None
    )
    waiting_claim = claim_for(other, email="olly@other.example")
    sign_in_link_send(representative=representative, language="en")
    link = next(word for word in str(mail.outbox[-1].body).split() if "/programs/sign-in/link/" in word)
    representative_session = Client()
    representative_session.force_login(representative.user, backend=BACKEND)
    staff_session = signed_in_with_both_factors(reviewer)
    update = ProgramUpdate.objects.get()

    public = [
        facility.get_absolute_url(),
        f"/programs/claim/{facility.public_id}/",
        "/programs/claim-sent/",
        "/programs/sign-in/",
        "/programs/sign-in/sent/",
        urlsplit(link).path + "?" + urlsplit(link).query,
        "/programs/sign-in/link/",  # without its token: the failure page
    ]
    representative_pages = [
        "/programs/",
        f"/programs/listing/{facility.public_id}/",
        f"/programs/listing/{other.public_id}/",
    ]
    staff_pages = [
        "/staff/listings/claims/",
        f"/staff/listings/claims/{waiting_claim.public_id}/",
        f"/staff/listings/claims/{ListingClaim.objects.get(facility=facility).public_id}/",
        "/staff/listings/updates/",
        f"/staff/listings/updates/{update.public_id}/",
    ]
    # One page, whose language and signed-in person change between the groups of pages.
    for language in ("en", "es"):
        page.set_extra_http_headers({"Accept-Language": language})
        for session, paths in (
            (None, public),
            (representative_session, representative_pages),
            (staff_session, staff_pages),
        ):
            page.context.clear_cookies()
            if session is not None:
                page.context.add_cookies(
                    [{"name": "sessionid", "value": session.cookies["sessionid"].value, "url": live_server.url}]
                )
            for path in paths:
                page.goto(live_server.url + path)
                assert page.locator("html").get_attribute("lang") == language, path
                assert axe_violations(page) == [], (language, path)
        # The rate-limited page: empty claims count too, until the limit answers.
        waiting = {"en": "Please wait a little", "es": "Por favor, espere un poco"}[language]
        page.goto(live_server.url + f"/programs/claim/{facility.public_id}/")
        for _attempt in range(settings.LISTING_CLAIM_RATE_LIMIT_PER_IP + 1):
            if page.locator("h1").inner_text() == waiting:
                break
            page.locator("form.coverage-form button[type=submit]").click()
        expect(page.locator("h1")).to_have_text(waiting)
        assert page.locator("html").get_attribute("lang") == language
        assert axe_violations(page) == [], (language, "rate limited")
