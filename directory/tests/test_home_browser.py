"""The home page in a real browser: it works, and axe finds no WCAG 2.2 AA violation."""

import pytest
from playwright.sync_api import Page, expect

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("seeded_transactional_db"),
]


def test_the_home_page_shows_the_directory_and_passes_axe(page: Page, live_server, axe_violations):
    page.goto(live_server.url + "/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("intensive outpatient")
    expect(page.locator("p.directory-count")).to_contain_text("5,736")
    assert axe_violations(page) == []


def test_a_visitor_can_switch_the_site_to_spanish_and_back(page: Page, live_server):
    page.goto(live_server.url + "/")
    page.get_by_role("button", name="Español").click()
    expect(page.locator("html")).to_have_attribute("lang", "es")
    page.get_by_role("button", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
