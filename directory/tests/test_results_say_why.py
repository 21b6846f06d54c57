"""Result cards name the chosen options each program matches; lists sort by distance or name; city pages."""

import itertools
import re

import pytest

from directory.search import SearchQuery, search_facilities
from directory.search.filters import PAYMENT
from directory.search.location import Location, resolve_location

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _every_page_searched_afresh(settings):
    settings.SEARCH_PAGE_CACHE_SECONDS = 0


def cards(body: str) -> list[str]:
    """Each card's HTML, from its opening tag to the next card's (or the end of the list)."""
    return [part.split("</ol>")[0] for part in body.split('<li class="hit"')[1:]]


def test_each_card_names_the_chosen_options_it_matches(client):
    body = client.get("/search/", {"where": "77002", "pay": "medicaid", "med": "buprenorphine"}).content.decode()
    found = cards(body)
    assert found
    for card in found:
        assert "Matches your choices: Medicaid · Buprenorphine" in card
        assert 'class="iop-mark"' in card


def test_a_card_names_only_those_of_several_options_in_a_group_that_the_program_offers(client):
    response = client.get("/search/", {"where": "10001", "radius": "10", "pay": ["medicare", "military"]})
    labels = {option.key: str(option.label) for option in PAYMENT.options}
    for hit in response.context["result"].hits:
        keys = [option.key for option in hit.matched if option.key != "iop"]
        assert keys and set(keys) <= {"medicare", "military"}
        offered = {tag.key for tag in hit.tags}
        assert set(keys) == {"medicare", "military"} & offered
        assert " · ".join(labels[key] for key in keys) in response.content.decode()


def test_cards_offer_to_add_the_program_to_the_shortlist(client):
    body = client.get("/search/", {"where": "77002"}).content.decode()
    for card in cards(body):
        assert 'action="/shortlist/change/"' in card and 'name="next" value="/search/?where=77002"' in card


@pytest.mark.parametrize("where", ["77002", "10001", "60601", "Texas"])
def test_sorting_by_name_lists_the_same_programs_a_to_z(client, where):
    by_distance = search_facilities(
        SearchQuery(**_place(where), page_size=10_000)  # every match, to sort by hand
    ).hits
    response = client.get("/search/", {"where": where, "sort": "name"})
    shown = [hit.facility.public_id for hit in response.context["result"].hits]
    expected = sorted(by_distance, key=lambda hit: (hit.facility.name.upper(), hit.facility.program_name.upper()))
    expected_names = [(h.facility.name.upper(), h.facility.program_name.upper()) for h in expected[: len(shown)]]
    shown_names = [(h.facility.name.upper(), h.facility.program_name.upper()) for h in response.context["result"].hits]
    assert shown_names == expected_names
    assert len(shown) == min(20, len(by_distance))


def _place(where: str) -> dict:
    location = resolve_location(where)
    assert isinstance(location, Location)
    return {"point": location.point} if location.point else {"state": location.state}


def test_the_sort_links_keep_the_search_and_mark_the_current_order(client):
    body = client.get("/search/", {"where": "77002", "pay": "medicaid"}).content.decode()
    assert '<strong aria-current="true">Distance</strong>' in body
    assert 'href="/search/?where=77002&amp;pay=medicaid&amp;sort=name"' in body


def test_an_unknown_sort_gets_a_400(client):
    assert client.get("/search/", {"where": "77002", "sort": "price"}).status_code == 400


def test_the_city_page_lists_programs_nearest_the_city_center_first_with_a_count(client):
    response = client.get("/iop/texas/houston/")
    result = response.context["result"]
    distances = [hit.distance_miles for hit in result.hits]
    assert None not in distances and distances == sorted(distances)
    body = response.content.decode()
    assert f"{result.total} programs</h2>" in body
    headings = [int(level) for level in re.findall(r"<h([1-6])", body[body.index("<main") :])]
    assert all(b - a <= 1 for a, b in itertools.pairwise(headings)), "heading levels in order"
    assert 'href="#results"' in body
