"""The home page for people: what IOP is, the search, states by name with counts, a line for professionals."""

import re

import pytest

from directory.search.browse import iop_cities
from directory.search.states import state_from_slug

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("language", "texas"), [("en", "Texas"), ("es", "Texas"), ("es", "Nuevo México")])
def test_states_are_listed_by_name_with_their_program_counts_linking_to_their_pages(client, language, texas):
    body = client.get("/", HTTP_ACCEPT_LANGUAGE=language).content.decode()
    listed = re.findall(r'<li><a href="/iop/([a-z-]+)/">([^<]+)</a> <span class="count">\((\d+) ', body)
    counts = {code: sum(city.programs for city in cities) for code, cities in iop_cities().items()}
    assert len(listed) >= 50
    for slug, _, count in listed:
        assert int(count) == counts[state_from_slug(slug) or ""]
    assert texas in [name for _, name, _ in listed]
    names = [name for _, name, _ in listed]
    assert names == sorted(names, key=str.casefold)


def test_the_home_page_says_what_iop_is_and_offers_help_deciding(client):
    body = client.get("/").content.decode()
    assert "while you live at home" in body
    assert "Not sure what you need?" in body
    assert 'href="tel:+18006624357"' in body


def test_professionals_find_the_api_exports_and_shortlists(client):
    body = client.get("/").content.decode()
    section = body[body.index("For professionals") :]
    assert 'href="/api/v1/docs/"' in section and 'href="/shortlist/"' in section and "CSV" in section
