"""On a phone, a place the site cannot find says so on the first screen, with what was probably meant."""

import pytest
from playwright.sync_api import Browser, ViewportSize, expect

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("seeded_transactional_db"),
]

PHONE: ViewportSize = {"width": 390, "height": 844}


@pytest.mark.parametrize(
    ("language", "typed", "question"),
    [
        ("en", "Huston, TX", "Did you mean Houston, TX?"),
        ("es", "Huston, TX", "¿Quiso decir Houston, TX?"),
        ("en", "Springfeld", "Did you mean Springfield, "),
        ("es", "99999", "¿Quiso decir"),
    ],
)
def test_a_place_not_found_is_on_the_first_screen_of_a_phone(browser: Browser, live_server, language, typed, question):
    context = browser.new_context(viewport=PHONE, locale=language, extra_http_headers={"Accept-Language": language})
    page = context.new_page()
    page.goto(f"{live_server.url}/search/")
    page.locator("#id_where").fill(typed)
    page.locator("#id_where").press("Enter")
    notice = page.locator(".not-found")
    expect(notice).to_contain_text(question)
    box = notice.bounding_box()
    assert box is not None and box["y"] >= 0 and box["y"] + box["height"] <= PHONE["height"], box
    suggestion = page.locator(".best-suggestion a")
    suggestion_box = suggestion.bounding_box()
    assert suggestion_box is not None and suggestion_box["y"] + suggestion_box["height"] <= PHONE["height"]
    suggestion.click()
    expect(page.locator(".results-count")).to_be_visible()
    context.close()
