"""A listing with its program's own facts, in a real browser, in English and Spanish: axe finds no WCAG 2.2 AA
violation on its page or on a result card marked as possibly out of date."""

from urllib.parse import urlencode

import pytest
from playwright.sync_api import Page, expect

from directory.models import Facility
from programs.models import Openings
from programs.tests.helpers import EVERYTHING, iop_listings_near, say

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("seeded_transactional_db"),
]


def test_program_facts_and_the_out_of_date_marks_pass_axe_in_english_and_spanish(
    page: Page, live_server, axe_violations
):
    fresh, stale, unconfirmed = iop_listings_near(count=3)
    say(fresh, EVERYTHING | {"openings": Openings.YES, "weekend_track": True})
    say(stale, {"openings": Openings.YES, "hours_per_week": 9}, days_ago=45)
    stamps = {fact: stamp | {"confirmed": "2020-01-02"} for fact, stamp in (unconfirmed.provenance or {}).items()}
    Facility.objects.filter(pk=unconfirmed.pk).update(provenance=stamps)
    search = "/search/?" + urlencode({"where": unconfirmed.zip_code, "name": unconfirmed.name[:30]})

    for language, words in (
        ("en", ("From the program", "Taking new clients", "Ask about openings when you call.", "May be out of date")),
        ("es", ("Según el programa", "Acepta clientes nuevos", "Pregunte si tienen cupo", "Puede no estar al día")),
    ):
        page.context.add_cookies([{"name": "django_language", "value": language, "url": live_server.url}])
        page.goto(live_server.url + fresh.get_absolute_url())
        expect(page.get_by_role("heading", name=words[0])).to_be_visible()
        expect(page.locator(".fact-openings")).to_contain_text(words[1])
        assert axe_violations(page) == []
        page.goto(live_server.url + stale.get_absolute_url())
        expect(page.locator(".fact-openings")).to_contain_text(words[2])
        assert axe_violations(page) == []
        page.goto(live_server.url + unconfirmed.get_absolute_url())
        expect(page.locator("p.out-of-date")).to_be_visible()
        assert axe_violations(page) == []
        page.goto(live_server.url + search)
        expect(page.locator("li.hit .out-of-date").first).to_contain_text(words[3])
        assert axe_violations(page) == []
