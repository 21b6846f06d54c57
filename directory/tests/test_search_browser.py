"""Search journeys in a real browser (Debian's Chromium), with axe-core checks on every page."""

import re

import pytest
from playwright.sync_api import Browser, Page, expect

# A live server's thread must see the directory, so these tests are
# transactional: they run last and reload the directory after each flush.
pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("seeded_transactional_db"),
]


def test_zip_to_results_to_facility_to_tap_to_call(page: Page, live_server, axe_violations):
    page.goto(live_server.url + "/")
    assert axe_violations(page) == []
    page.get_by_label("ZIP code, city and state, or state").fill("77002")
    page.get_by_role("button", name="Search", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Programs near 77002 (Houston, TX)")
    expect(page.locator(".results-count")).to_contain_text("programs within 25 miles")
    assert axe_violations(page) == []

    first = page.locator("li.hit").first
    # From a ZIP code's center to another's: never a false tenth of a mile.
    expect(first.locator(".distance")).to_have_text(re.compile(r"^(In your ZIP code area|About \d+ miles? away)$"))
    expect(first.locator("a.call")).to_have_attribute("href", re.compile(r"^tel:\+1-"))
    first.get_by_role("link", name=re.compile("^View details")).click()
    expect(page.locator("section.provenance")).to_contain_text("SAMHSA National Directory 2023")
    expect(page.locator("a.call").first).to_have_attribute("href", re.compile(r"^tel:\+1-"))
    assert axe_violations(page) == []


def test_filtering_with_javascript_updates_results_and_url_in_place(page: Page, live_server):
    page.goto(live_server.url + "/search/?where=77002")
    before = page.locator(".results-count").inner_text()
    page.locator("summary", has_text="Payment").click()
    page.get_by_label(re.compile("^Medicaid")).check()
    expect(page).to_have_url(re.compile(r"pay=medicaid"))
    expect(page.locator(".results-count")).not_to_have_text(before)
    expect(page.get_by_label(re.compile("^Medicaid"))).to_be_checked()


def test_filtering_without_javascript_submits_the_form(browser: Browser, live_server):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server.url + "/search/?where=77002")
    page.locator("summary", has_text="Filters").click()
    page.locator("summary", has_text="Payment").click()
    page.get_by_label(re.compile("^Medicaid")).check()
    page.get_by_role("button", name="Update results").click()
    expect(page).to_have_url(re.compile(r"pay=medicaid"))
    expect(page.locator(".results-count")).to_have_text(re.compile(r"^\s*28 programs within 25 miles\s*$"))
    context.close()


def test_no_results_lead_to_a_wider_radius(page: Page, live_server, axe_violations):
    page.goto(live_server.url + "/search/?where=59001&radius=5&care=iop")
    expect(page.locator(".results-count")).to_contain_text("0 programs")
    assert axe_violations(page) == []
    page.get_by_role("link", name="Search within 25 miles").click()
    expect(page).to_have_url(re.compile(r"radius=25"))
    expect(page.locator("#id_radius")).to_have_value("25")
    expect(page.locator("li.hit").first).to_be_visible()


def test_an_unknown_place_gets_suggestions_that_search(page: Page, live_server, axe_violations):
    page.goto(live_server.url + "/search/?where=Houstn%2C+TX")
    expect(page.get_by_role("status")).to_contain_text("We could not find Houstn")
    assert axe_violations(page) == []
    page.get_by_role("link", name="Houston, TX").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Programs near Houston, TX")


@pytest.mark.parametrize("language", ["en", "es"])
def test_pages_are_readable_at_320_pixels_wide_without_sideways_scrolling(browser: Browser, live_server, language):
    from directory.models import Facility
    from directory.selectors import facility_services

    # Its legend heading, "License/Certification/Accreditation", is one long word to a browser.
    facility = next(
        facility
        for facility in Facility.objects.filter(published=True, city="Houston").order_by("pk")
        if any(group.category.name.startswith("License/") for group in facility_services(facility))
    )
    context = browser.new_context(
        viewport={"width": 320, "height": 800}, extra_http_headers={"Accept-Language": language}
    )
    page = context.new_page()
    for path in ("/", "/search/?where=10001&pay=medicaid", facility.get_absolute_url(), "/search/?where=" + "x" * 118):
        page.goto(live_server.url + path)
        assert page.evaluate("document.documentElement.scrollWidth") <= 320, (path, language)
    context.close()


def test_the_search_can_be_done_with_the_keyboard_alone(page: Page, live_server):
    page.goto(live_server.url + "/")
    # Skip link, brand, helpline and its explanation, language: the search box comes within a few tabs.
    for _ in range(8):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "id_where":
            break
    expect(page.locator("#id_where")).to_be_focused()
    page.keyboard.type("60601")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_contain_text("60601")


def test_the_map_loads_nothing_from_elsewhere_until_the_visitor_asks(page: Page, live_server):
    elsewhere: list[str] = []
    page.on(
        "request", lambda request: None if request.url.startswith(live_server.url) else elsewhere.append(request.url)
    )
    page.goto(live_server.url + "/search/?where=77002")
    expect(page.get_by_role("button", name="Show these programs on a map")).to_be_visible()
    expect(page.locator(".map")).to_be_hidden()
    assert elsewhere == []


def test_the_map_shows_the_results_even_when_tiles_cannot_load(page: Page, live_server, axe_violations):
    page.route(re.compile(r"^https?://(?!127\.0\.0\.1|localhost).*"), lambda route: route.abort())
    page.goto(live_server.url + "/search/?where=77002")
    list_box = "(() => { const r = document.querySelector('ol.hits').getBoundingClientRect();"
    list_box += " return [r.top + scrollY, r.height]; })()"
    list_before = page.evaluate(list_box)
    page.get_by_role("button", name="Show these programs on a map").click()
    expect(page.locator(".map-panel")).to_be_visible()
    expect(page.locator(".map path.leaflet-interactive")).to_have_count(page.locator("li.hit").count())
    assert page.evaluate(list_box) == list_before  # the map moved nothing
    assert axe_violations(page) == []


def test_on_a_phone_the_first_result_shows_without_scrolling_past_the_filters(page: Page, live_server):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(live_server.url + "/search/?where=77002&pay=medicaid")
    first = page.locator("li.hit").first
    expect(first).to_be_in_viewport()
    page.locator("summary", has_text="Filters").click()
    expect(page.get_by_label(re.compile("^Medicaid"))).to_be_checked()


def test_on_a_phone_ticking_a_filter_keeps_the_panel_open_and_the_place_on_the_page(page: Page, live_server):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(live_server.url + "/search/?where=77002")
    page.locator("summary", has_text="Filters").click()
    page.locator("summary", has_text="Payment").click()
    medicaid = page.get_by_label(re.compile("^Medicaid"))
    medicaid.scroll_into_view_if_needed()
    scrolled = page.evaluate("window.scrollY")
    medicaid.check()
    expect(page).to_have_url(re.compile(r"pay=medicaid"))
    expect(page.locator("details.filters")).to_have_attribute("open", "")
    expect(page.get_by_label(re.compile("^Medicaid"))).to_be_focused()
    assert abs(page.evaluate("window.scrollY") - scrolled) < 50
    # The language button returns to this search, the new filter included.
    page.get_by_role("button", name="Español").click()
    expect(page).to_have_url(re.compile(r"pay=medicaid"))
