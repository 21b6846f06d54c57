"""The ZIP table keeps only real centers, and a typed city searches from its real center (brute force)."""

import random
from statistics import mean

import pytest
import zipcodes

from directory.models import Place
from directory.search.location import Location, resolve_location
from directory.search.states import STATE_NAMES

pytestmark = pytest.mark.django_db

# Written for this test from the atlas, independently of directory.zip_places:
# (south, north, west, east) of the country and each territory.
US_AREAS = {
    "contiguous states": (24.0, 50.0, -125.5, -66.5),
    "Alaska": (51.0, 72.0, -180.0, -129.0),
    "Aleutians west of 180": (51.0, 53.5, 172.0, 180.0),
    "Hawaii": (18.5, 22.5, -161.0, -154.5),
    "Puerto Rico and the Virgin Islands": (17.5, 18.7, -67.5, -64.3),
    "Guam and the Northern Marianas": (13.0, 21.0, 144.0, 146.5),
    "American Samoa": (-15.0, -10.5, -171.5, -168.0),
    "Micronesia, Marshall Islands, Palau": (0.5, 15.0, 131.0, 173.0),
}


def in_the_us(latitude: float, longitude: float) -> bool:
    return any(s <= latitude <= n and w <= longitude <= e for s, n, w, e in US_AREAS.values())


def test_no_zip_code_is_placed_at_a_placeholder_and_every_center_is_in_the_us():
    places = list(Place.objects.values_list("zip_code", "latitude", "longitude"))
    assert len(places) == len(zipcodes.list_all())
    for zip_code, latitude, longitude in places:
        assert (latitude is None) == (longitude is None), zip_code
        if latitude is not None and longitude is not None:
            assert (latitude, longitude) != (0, 0), zip_code
            assert in_the_us(latitude, longitude), (zip_code, latitude, longitude)


def test_the_package_placeholders_have_no_center_and_the_real_centers_are_kept():
    placeholders = {e["zip_code"] for e in zipcodes.list_all() if float(e["lat"]) == 0 and float(e["long"]) == 0}
    assert len(placeholders) > 800  # the check is not vacuous
    without = set(Place.objects.filter(latitude__isnull=True).values_list("zip_code", flat=True))
    assert placeholders <= without
    assert {"90085", "35270", "50983", "31144", "96943"} <= without
    # Nothing real was thrown away with them: every other code outside military mail keeps its center.
    lost = without - placeholders
    assert all(Place.objects.get(zip_code=code).state in {"AA", "AE", "AP", "MH"} for code in lost), lost


def expected_center(city: str, state: str) -> tuple[float, float] | None:
    """Computed from the package itself: the mean of the city's standard ZIP codes' real centers."""
    entries = [e for e in zipcodes.filter_by(state=state) if e["city"].casefold() == city.casefold()]
    real = [(float(e["lat"]), float(e["long"])) for e in entries if in_the_us(float(e["lat"]), float(e["long"]))]
    standard = [
        (float(e["lat"]), float(e["long"]))
        for e in entries
        if e["zip_code_type"] == "STANDARD" and in_the_us(float(e["lat"]), float(e["long"]))
    ]
    chosen = standard or real
    return (mean(p[0] for p in chosen), mean(p[1] for p in chosen)) if chosen else None


def sample_cities() -> list[tuple[str, str]]:
    rng = random.Random(9)
    cities = []
    for state in STATE_NAMES:
        names = sorted({e["city"] for e in zipcodes.filter_by(state=state)})
        cities += [(name, state) for name in rng.sample(names, min(12, len(names)))]
    return cities


def test_typed_cities_search_from_their_real_center():
    cities = sample_cities()
    assert len(cities) > 500 and len({state for _, state in cities}) == len(STATE_NAMES)
    for city, state in cities:
        found = resolve_location(f"{city}, {state}")
        assert isinstance(found, Location), (city, state, found)
        expected = expected_center(city, state)
        if expected is None:  # known, but nowhere on the map: searched by name within its state
            assert (found.point, found.state, found.city) == (None, state, city), (city, state)
        else:
            assert found.point is not None, (city, state)
            assert found.point.latitude == pytest.approx(expected[0], abs=1e-6), (city, state)
            assert found.point.longitude == pytest.approx(expected[1], abs=1e-6), (city, state)


@pytest.mark.parametrize("city", ["Los Angeles, CA", "Hicksville, NY", "Pontiac, MI", "Birmingham, AL", "Kennesaw, GA"])
def test_cities_that_had_a_placeholder_zip_code_find_their_programs(client, city):
    response = client.get("/search/", {"where": city, "radius": 25})
    result = response.context["result"]
    assert in_the_us(result.query.point.latitude, result.query.point.longitude)
    assert result.total > 0, city


def test_los_angeles_finds_about_as_many_programs_as_its_downtown_zip_code(client):
    by_city = client.get("/search/", {"where": "Los Angeles, CA"}).context["result"].total
    by_zip = client.get("/search/", {"where": "90012"}).context["result"].total
    assert by_city > by_zip / 2
