"""What a person types as a place: ZIP, "City, ST", "lat,lon", a state, or something unknown."""

import pytest

from directory.search.location import Location, LocationNotFound, resolve_location

pytestmark = pytest.mark.django_db


def test_a_zip_code_is_its_center():
    found = resolve_location("77002")
    assert isinstance(found, Location)
    assert found.point is not None and round(found.point.latitude) == 30
    assert "Houston" in found.label


def test_a_zip_plus_four_is_its_zip():
    assert resolve_location("77002-1234") == resolve_location("77002")


def test_it_rejects_an_unknown_zip_with_nearby_suggestions():
    found = resolve_location("99999")
    assert isinstance(found, LocationNotFound)
    assert "99999" in found.message
    assert found.suggestions and all(s.where.startswith("999") for s in found.suggestions)


@pytest.mark.parametrize("text", ["Houston, TX", "houston tx", "Houston, Texas", "  HOUSTON ,  tx "])
def test_a_city_and_state_is_found_however_it_is_written(text):
    found = resolve_location(text)
    assert isinstance(found, Location) and found.point is not None
    assert found.label == "Houston, TX"


def test_a_misspelt_city_gets_similar_cities_of_its_state():
    found = resolve_location("Houstn, TX")
    assert isinstance(found, LocationNotFound)
    assert any(s.where == "Houston, TX" for s in found.suggestions)


def test_a_city_without_a_state_gets_the_states_that_have_it():
    found = resolve_location("Springfield")
    assert isinstance(found, LocationNotFound)
    assert len(found.suggestions) > 1
    assert all(s.where.startswith("Springfield, ") for s in found.suggestions)


@pytest.mark.parametrize(("city", "state"), [("Houston", "TX"), ("Austin", "TX"), ("Portland", "OR")])
def test_a_city_without_a_state_suggests_its_largest_namesake_first(city, state):
    found = resolve_location(city)
    assert isinstance(found, LocationNotFound)
    assert found.suggestions[0].where == f"{city}, {state}"


def test_coordinates_are_taken_as_they_are():
    found = resolve_location("29.76, -95.36")
    assert isinstance(found, Location) and found.point is not None
    assert (found.point.latitude, found.point.longitude) == (29.76, -95.36)


def test_coordinates_off_the_map_are_refused():
    assert isinstance(resolve_location("95, 200"), LocationNotFound)


@pytest.mark.parametrize("text", ["Texas", "tx", "TX"])
def test_a_state_alone_browses_the_state(text):
    found = resolve_location(text)
    assert isinstance(found, Location)
    assert (found.state, found.point) == ("TX", None)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Nuevo México", "NM"),
        ("nuevo mexico", "NM"),
        ("Carolina del Norte", "NC"),
        ("PENSILVANIA", "PA"),
        ("Hawái", "HI"),
    ],
)
def test_a_state_may_be_typed_in_spanish(text, code):
    found = resolve_location(text)
    assert isinstance(found, Location) and found.state == code


def test_a_state_is_named_in_the_visitor_language():
    from django.utils import translation

    with translation.override("es"):
        spanish = resolve_location("NC")
    with translation.override("en"):
        english = resolve_location("Carolina del Norte")
    assert isinstance(spanish, Location) and spanish.label == "Carolina del Norte"
    assert isinstance(english, Location) and english.label == "North Carolina"


@pytest.mark.parametrize("text", ["", "   ", "'; DROP TABLE directory_facility; --", "<script>alert(1)</script>"])
def test_nonsense_gets_a_message_not_an_error(text):
    found = resolve_location(text)
    assert isinstance(found, LocationNotFound)
    assert found.message
