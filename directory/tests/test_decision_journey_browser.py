"""From a list to a decision, on a 390 x 844 phone in a real browser, with axe-core on every page it meets."""

import re

import pytest
from playwright.sync_api import Browser, Page, ViewportSize, expect

from directory.models import Facility

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("seeded_transactional_db"),
]
PHONE_SCREEN: ViewportSize = {"width": 390, "height": 844}


def printed_pages(page: Page) -> int:
    page.emulate_media(media="print")
    pdf = page.pdf(format="Letter")
    page.emulate_media(media="screen")
    return len(re.findall(rb"/Type\s*/Page[^s]", pdf))


def test_zip_filters_facility_shortlist_compare_share_and_print(browser: Browser, live_server, axe_violations):
    context = browser.new_context(viewport=PHONE_SCREEN)
    page = context.new_page()
    page.goto(live_server.url + "/")
    page.get_by_label("ZIP code, city and state, or state").fill("77002")
    page.get_by_role("button", name="Search", exact=True).click()
    page.locator("summary", has_text="Filters").click()
    page.locator("summary", has_text="Payment").click()
    page.get_by_label(re.compile("^Medicaid")).check()
    expect(page).to_have_url(re.compile(r"pay=medicaid"))
    page.locator("summary", has_text="Medications for opioid use").click()
    page.get_by_label(re.compile("^Buprenorphine")).check()
    expect(page).to_have_url(re.compile(r"med=buprenorphine"))
    cards = page.locator("li.hit")
    expect(cards.first.locator(".matched")).to_have_text("Matches your choices: Medicaid · Buprenorphine")
    assert axe_violations(page) == []

    names = []
    for index in range(3):
        card = page.locator("li.hit").nth(index)
        names.append(card.locator("h3 a").inner_text())
        card.get_by_role("button", name=re.compile("^Add to my shortlist")).click()
        expect(page).to_have_url(re.compile(r"med=buprenorphine"))

    page.locator("li.hit h3 a").first.click()
    expect(page.get_by_role("heading", name="At a glance")).to_be_visible()
    expect(page.get_by_role("heading", name="Signs of quality")).to_be_visible()
    expect(page.get_by_role("heading", name="Questions to ask when you call")).to_be_attached()
    call = page.locator("a.call").first
    box = call.bounding_box()
    assert box is not None and box["y"] + box["height"] < 844, "the program's own call button is on the first screen"
    expect(page.get_by_role("button", name="Remove from my shortlist")).to_be_visible()
    assert axe_violations(page) == []
    assert printed_pages(page) == 1

    page.get_by_role("link", name="My shortlist").first.click()
    headers = page.locator("table.compare thead th")
    expect(headers).to_have_count(3)
    assert [text.strip() for text in headers.all_inner_texts()] == [
        Facility.objects.get(public_id=href.split("/")[-2]).display_name
        for href in [headers.nth(i).locator("a").get_attribute("href") or "" for i in range(3)]
    ]
    assert [name for name in names if any(name in header for header in headers.all_inner_texts())] == names
    assert axe_violations(page) == []
    assert printed_pages(page) == 3, "one page per program"
    share_url = page.locator("#share-url").input_value()
    assert "ids=" in share_url and "77002" not in share_url
    shown = headers.all_inner_texts()
    context.close()

    fresh = browser.new_context(viewport=PHONE_SCREEN)
    other = fresh.new_page()
    other.goto(share_url)
    expect(other.get_by_role("heading", level=1)).to_have_text("A shared shortlist")
    assert other.locator("table.compare thead th").all_inner_texts() == shown
    assert axe_violations(other) == []
    fresh.close()


def test_an_empty_result_offers_ways_out_and_passes_axe(page: Page, live_server, axe_violations):
    page.set_viewport_size(PHONE_SCREEN)
    page.goto(live_server.url + "/search/?where=59301&radius=100&care=iop&pay=medicare&med=methadone")
    box = page.locator(".no-results")
    expect(box.get_by_role("link", name=re.compile(r"^Without Methadone: \d+ programs in Montana$"))).to_be_visible()
    expect(box.locator('a[href^="tel:"]')).to_be_visible()
    assert axe_violations(page) == []
    box.get_by_role("link", name=re.compile("^Without Methadone")).click()
    expect(page.locator("li.hit").first).to_be_visible()


def test_a_person_withdraws_their_coverage_request_with_its_reference(page: Page, live_server, axe_violations):
    from intake.models import CoverageRequest

    page.goto(live_server.url + "/coverage/new/")
    page.get_by_label("Full name").fill("Robin Browser")
    page.get_by_label("Date of birth").fill("1985-09-14")
    page.get_by_label("State you live in").select_option("OH")
    page.get_by_label("E-mail address", exact=True).fill("robin@example.com")
    page.get_by_label("Insurance", exact=True).select_option("medicaid")
    page.get_by_label("Member ID").fill("OH-998877")
    page.get_by_label("I agree that IOP Finder's coverage team may contact me").check()
    page.get_by_role("button", name="Send my request").click()
    reference = page.locator(".reference strong").inner_text()
    assert re.fullmatch(r"[0-9A-F]{4}-[0-9A-F]{4}", reference)
    assert axe_violations(page) == []
    assert CoverageRequest.objects.count() == 1

    page.get_by_role("link", name="Withdraw my request").click()
    expect(page.get_by_label("Reference")).to_have_value(reference)
    assert axe_violations(page) == []
    page.get_by_label("The phone number or e-mail address you gave").fill("robin@example.com")
    page.get_by_role("button", name="Withdraw and erase my request").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your request is withdrawn")
    assert CoverageRequest.objects.count() == 0


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_new_and_changed_pages_pass_axe_in_english_and_spanish(
    browser: Browser, live_server, axe_violations, language
):
    context = browser.new_context(
        viewport=PHONE_SCREEN, locale=language, extra_http_headers={"Accept-Language": language}
    )
    page = context.new_page()
    facilities = list(Facility.objects.filter(published=True, state="TX").order_by("pk")[:2])
    ids = ",".join(f.public_id for f in facilities)
    paths = [
        "/",
        facilities[0].get_absolute_url(),
        f"/shortlist/?ids={ids}",
        "/shortlist/",
        "/privacy/",
        "/coverage/withdraw/",
        "/helpline/",
        "/iop/texas/houston/",
        "/search/?where=77002&pay=medicaid&sort=name",
        "/search/?where=59301&radius=100&care=iop&pay=medicare&med=methadone",
    ]
    for path in paths:
        page.goto(live_server.url + path)
        expect(page.locator("html")).to_have_attribute("lang", language)
        assert axe_violations(page) == [], path
    context.close()
