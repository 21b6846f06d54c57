"""A results page fetches Leaflet only when the map is opened, and htmx only when the form is touched."""

import re

import pytest
from playwright.sync_api import Page, expect

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("seeded_transactional_db"),
]


def _fetched(page: Page) -> list[str]:
    urls: list[str] = []
    page.on("request", lambda request: urls.append(request.url))
    return urls


def test_leaflet_is_fetched_only_when_the_visitor_opens_the_map(page: Page, live_server):
    page.route(re.compile(r"^https?://(?!127\.0\.0\.1|localhost).*"), lambda route: route.abort())
    fetched = _fetched(page)
    page.goto(live_server.url + "/search/?where=77002")
    page.wait_for_load_state("networkidle")
    assert not [url for url in fetched if "leaflet" in url]
    assert page.evaluate("typeof window.L") == "undefined"

    page.get_by_role("button", name="Show these programs on a map").click()
    expect(page.locator(".map path.leaflet-interactive")).to_have_count(page.locator("li.hit").count())
    assert [url for url in fetched if url.endswith("leaflet.js")]
    assert [url for url in fetched if url.endswith("leaflet.css")]


def test_a_map_once_opened_is_drawn_on_the_next_results_page_too(page: Page, live_server):
    page.route(re.compile(r"^https?://(?!127\.0\.0\.1|localhost).*"), lambda route: route.abort())
    page.goto(live_server.url + "/search/?where=77002")
    page.get_by_role("button", name="Show these programs on a map").click()
    expect(page.locator(".map path.leaflet-interactive").first).to_be_visible()
    page.goto(live_server.url + "/search/?where=60601")
    expect(page.locator(".map path.leaflet-interactive")).to_have_count(page.locator("li.hit").count())


def test_htmx_is_fetched_when_the_form_is_first_touched_and_the_first_tick_still_counts(page: Page, live_server):
    fetched = _fetched(page)
    page.goto(live_server.url + "/search/?where=77002")
    page.wait_for_load_state("networkidle")
    assert not [url for url in fetched if "htmx" in url]
    before = page.locator(".results-count").inner_text()

    page.locator("summary", has_text="Payment").click()  # the filters stand open beside the results
    page.get_by_label(re.compile("^Medicaid")).check()
    expect(page).to_have_url(re.compile(r"pay=medicaid"))
    expect(page.locator(".results-count")).not_to_have_text(before)
    assert [url for url in fetched if "htmx" in url]
    # In place, not a new page: htmx asked for it.
    assert page.evaluate("typeof window.htmx") == "object"
