"""Almost-right places: misspelt cities, cities without a state, pasted street addresses."""

import random
import string

import pytest
import zipcodes

from directory.search.location import MAX_SUGGESTIONS, Location, LocationNotFound, resolve_location
from directory.search.place_names import fold, street_address
from directory.search.states import STATE_NAMES

pytestmark = pytest.mark.django_db


def one_slip(name: str, rng: random.Random) -> str:
    """The name with one typing slip: a letter dropped, doubled, swapped with the next, or mistyped."""
    i = rng.randrange(len(name) - 1)
    slip = rng.choice(["drop", "double", "swap", "mistype"])
    if slip == "drop":
        return name[:i] + name[i + 1 :]
    if slip == "double":
        return name[:i] + name[i] + name[i:]
    if slip == "swap":
        return name[:i] + name[i + 1] + name[i] + name[i + 2 :]
    return name[:i] + rng.choice(string.ascii_lowercase.replace(name[i].lower(), "")) + name[i + 1 :]


def real_cities(count: int, seed: int) -> list[tuple[str, str]]:
    """Cities of every state and territory, drawn from the package (not from our table)."""
    rng = random.Random(seed)
    cities = []
    for state in STATE_NAMES:
        names = sorted({e["city"] for e in zipcodes.filter_by(state=state) if len(e["city"]) >= 4})
        cities += [(name, state) for name in rng.sample(names, min(count, len(names)))]
    return cities


def all_city_names(state: str | None = None) -> set[str]:
    entries = zipcodes.filter_by(state=state) if state else zipcodes.list_all()
    return {fold(e["city"]) for e in entries}


def test_a_misspelt_city_with_its_state_suggests_the_real_one():
    rng = random.Random(2026)
    tried = 0
    for city, state in real_cities(6, seed=1):
        typo = one_slip(city, rng)
        if fold(typo) in all_city_names(state):
            continue  # the slip made another real name
        tried += 1
        found = resolve_location(f"{typo}, {state}")
        assert isinstance(found, LocationNotFound), (typo, state)
        assert f"{city}, {state}" in [s.where for s in found.suggestions], (typo, state, found.suggestions)
    assert tried > 250


def test_a_misspelt_city_without_a_state_suggests_the_real_one():
    rng = random.Random(7)
    everywhere = all_city_names()
    tried = 0
    for city, _state in real_cities(2, seed=2):
        typo = one_slip(city, rng)
        if fold(typo) in everywhere or len(fold(city)) < 6:
            continue
        tried += 1
        found = resolve_location(typo)
        assert isinstance(found, LocationNotFound), typo
        assert any(s.where.startswith(f"{city}, ") for s in found.suggestions), (typo, found.suggestions)
    assert tried > 60


@pytest.mark.parametrize(
    ("typed", "meant"),
    [("Huston, TX", "Houston, TX"), ("Philadelpia, PA", "Philadelphia, PA"), ("Los Angelas, CA", "Los Angeles, CA")],
)
def test_the_closest_largest_city_is_offered_first(typed, meant):
    found = resolve_location(typed)
    assert isinstance(found, LocationNotFound)
    assert found.suggestions[0].where == meant


@pytest.mark.parametrize(
    ("typed", "label"),
    [
        ("Houston Texas", "Houston, TX"),
        ("Charleston West Virginia", "Charleston, WV"),
        ("Raleigh Carolina del Norte", "Raleigh, NC"),
    ],
)
def test_a_city_followed_by_its_state_name_without_a_comma_is_found(typed, label):
    found = resolve_location(typed)
    assert isinstance(found, Location) and found.point is not None and found.label == label


@pytest.mark.parametrize(("typed", "meant"), [("St. Louis, MO", "Saint Louis"), ("Ft Worth, TX", "Fort Worth")])
def test_short_words_in_city_names_are_understood(typed, meant):
    found = resolve_location(typed)
    assert isinstance(found, Location) and found.point is not None
    assert found.label.startswith(meant)


def test_a_city_only_one_state_has_is_searched_with_a_note():
    found = resolve_location("Kennesaw")
    assert isinstance(found, Location) and found.point is not None
    assert found.label == "Kennesaw, GA" and "only place" in found.note


def test_a_city_several_states_have_offers_them_largest_first():
    found = resolve_location("Pontiac")
    assert isinstance(found, LocationNotFound)
    assert [s.where for s in found.suggestions][:2] == ["Pontiac, MI", "Pontiac, IL"]
    springfields = resolve_location("Springfield")
    assert isinstance(springfields, LocationNotFound) and len(springfields.suggestions) == MAX_SUGGESTIONS


@pytest.mark.parametrize(
    ("text", "zip_code"),
    [
        ("1600 Pennsylvania Ave NW, Washington, DC 20500", "20500"),
        ("1600 Pennsylvania Ave NW Washington DC 20500-0003", "20500"),
        ("901 Bagby St, Houston, TX 77002", "77002"),
    ],
)
def test_a_pasted_street_address_is_searched_by_its_zip_code_with_a_note(text, zip_code):
    found = resolve_location(text)
    assert isinstance(found, Location) and found.point is not None
    assert found.zip_code == zip_code and zip_code in found.note and "street address" in found.note


def test_a_pasted_address_without_a_zip_code_is_searched_by_its_city():
    found = resolve_location("901 Bagby St, Houston, TX")
    assert isinstance(found, Location) and found.point is not None
    assert found.label == "Houston, TX" and "Houston, TX" in found.note


def test_a_street_alone_asks_for_a_zip_code_or_city():
    found = resolve_location("1600 Pennsylvania Ave")
    assert isinstance(found, LocationNotFound) and "ZIP code" in found.message


@pytest.mark.parametrize("text", ["Houston, TX", "Texas", "77002", "Saint Louis, MO"])
def test_places_that_are_not_addresses_are_not_taken_for_one(text):
    assert street_address(text) is None


def test_a_zip_code_without_a_center_of_its_own_searches_its_city_with_a_note():
    found = resolve_location("90085")
    assert isinstance(found, Location) and found.point is not None
    assert found.label == "Los Angeles, CA" and "90085" in found.note


def test_a_place_with_no_known_position_is_searched_by_name_in_its_state():
    found = resolve_location("96943")
    assert isinstance(found, Location)
    assert (found.point, found.state, found.city) == (None, "FM", "Yap")


def test_a_military_mail_zip_code_says_so():
    found = resolve_location("09001")
    assert isinstance(found, LocationNotFound) and "military" in found.message


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_suggestion_is_a_link_at_the_top_of_the_page(client, language):
    client.cookies["django_language"] = language
    body = client.get("/search/", {"where": "Huston, TX"}, HTTP_ACCEPT_LANGUAGE=language).content.decode()
    question = "Did you mean Houston, TX?" if language == "en" else "¿Quiso decir Houston, TX?"
    assert question in body
    assert body.index(question) < body.index('class="search-form"')
