"""No dead ends: an empty result always offers ways out, and each one finds what it promises."""

import math
import random
import re

import pytest
from django.http import QueryDict

from directory.models import Facility, Place
from directory.search import SearchQuery, search_facilities
from directory.search.alternatives import state_at


def haversine_miles(place: Place, facility: Facility) -> float:
    assert place.latitude is not None and place.longitude is not None
    assert facility.latitude is not None and facility.longitude is not None
    lat1, lat2 = math.radians(place.latitude), math.radians(facility.latitude)
    dlat, dlon = lat2 - lat1, math.radians(facility.longitude - place.longitude)
    a = math.sin(dlat / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin(dlon / 2) ** 2
    return 2 * 3958.7613 * math.asin(math.sqrt(a))


pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _every_page_searched_afresh(settings):
    """Each request is searched and rendered, so its context can be read."""
    settings.SEARCH_PAGE_CACHE_SECONDS = 0


FILTER_CHOICES = {
    "pay": ["medicare", "medicaid", "military", "free", "state", "private"],
    "med": ["methadone", "buprenorphine", "naltrexone"],
    "approach": ["contingency", "matrix", "family", "twelve-step"],
    "serves": ["veterans", "pregnant", "adolescents", "lgbtq", "seniors"],
    "lang": ["spanish", "asl", "native"],
    "care": ["iop", "partial", "residential", "hospital"],
}


def random_searches(count: int, seed: int) -> list[dict[str, str | list[str]]]:
    """Searches around real ZIP codes of states with programs, with two to four narrow filters each."""
    rng = random.Random(seed)
    states = sorted(set(Facility.objects.filter(published=True).values_list("state", flat=True)))
    searches = []
    for _ in range(count):
        state = rng.choice(states)
        zips = list(Place.objects.filter(state=state).values_list("zip_code", flat=True)[:400])
        if not zips:
            continue
        params: dict[str, str | list[str]] = {"where": rng.choice(zips), "radius": rng.choice(["5", "10", "25"])}
        for group in rng.sample(sorted(FILTER_CHOICES), rng.randint(2, 4)):
            params[group] = [rng.choice(FILTER_CHOICES[group])]
        searches.append(params)
    return searches


def shown_total(client, url: str) -> int:
    return client.get(url).context["result"].total


def test_every_empty_result_offers_ways_out_that_find_what_they_promise(client):
    empty = 0
    for params in random_searches(60, seed=10):
        response = client.get("/search/", params)
        result = response.context["result"]
        if result.total:
            continue
        empty += 1
        body = response.content.decode()
        box = body[body.index('class="no-results"') :]
        box = box[: box.index("</div>")]
        assert len(re.findall(r"<li", box)) >= 2, f"suggestions for {params}"
        assert 'href="tel:' in box, "the helpline is always offered"
        found = response.context["alternatives"]
        for dropped in found.dropped:
            assert shown_total(client, dropped.url) == dropped.count, (params, dropped)
        if found.telehealth_count:
            assert shown_total(client, found.telehealth_url) == found.telehealth_count
        for hit in found.nearest:
            assert hit.facility.state == found.state
        if found.state_page_slug:
            assert client.get(f"/iop/{found.state_page_slug}/").status_code == 200
    assert empty >= 10, "the sample holds enough empty results to mean something"


def test_the_nearest_programs_matching_everything_are_the_nearest_in_the_state(client):
    # IOP with Medicare and buprenorphine within 5 miles of Miles City, MT: none; the state has some.
    params = {"where": "59301", "radius": "5", "care": "iop", "pay": "medicare", "med": "buprenorphine"}
    response = client.get("/search/", params)
    assert response.context["result"].total == 0
    nearest = response.context["alternatives"].nearest
    filters = {"care": ("iop",), "pay": ("medicare",), "med": ("buprenorphine",)}
    state_wide = search_facilities(SearchQuery(state="MT", filters=filters, page_size=1000)).hits
    assert state_wide, "Montana has such programs"
    # The oracle: every match in the state, measured here by the haversine formula.
    place = Place.objects.get(zip_code="59301")
    by_distance = sorted(state_wide, key=lambda hit: haversine_miles(place, hit.facility))
    assert [hit.facility.public_id for hit in nearest] == [hit.facility.public_id for hit in by_distance[:3]]
    for hit in nearest:
        assert hit.distance_miles == pytest.approx(haversine_miles(place, hit.facility), abs=0.01)
    assert nearest[0].distance_miles > 5
    body = response.content.decode()
    assert "The nearest programs in Montana that match every choice" in body
    assert nearest[0].facility.name in body


def test_a_dropped_filter_says_how_many_programs_it_brings_back(client):
    params = QueryDict(mutable=True)
    params.update({"where": "59301", "radius": "100", "care": "iop"})
    params.setlist("pay", ["medicare"])
    params.setlist("med", ["methadone"])
    response = client.get("/search/?" + params.urlencode())
    body = response.content.decode()
    assert response.context["result"].total == 0
    assert re.search(r"Without Methadone: \d+ programs? in Montana", body)


def test_the_state_of_a_point_is_the_state_of_its_nearest_zip_code():
    from directory.geocoding import Point

    assert state_at(Point(29.7573, -95.3555)) == "TX"
    assert state_at(Point(46.4083, -105.8406)) == "MT"
    assert state_at(Point(0.0, -150.0)) is None
