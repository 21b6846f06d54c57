"""The count-only searches give exactly the totals of the full search, over many real queries."""

import dataclasses
import random

import pytest

from directory.geocoding import Point
from directory.models import Facility, Place
from directory.search import RADIUS_CHOICES, SearchQuery, search_facilities
from directory.search.counts import count_facilities, counts_leaving_out, counts_within
from directory.search.filters import filter_groups
from programs.models import Openings
from programs.tests.helpers import iop_listings_near, say

pytestmark = pytest.mark.django_db

FILTER_CHOICES = {
    "care": ["iop", "partial", "residential", "hospital", "outpatient"],
    "pay": ["medicare", "medicaid", "military", "free", "private", "cash"],
    "tele": ["yes"],
    "med": ["methadone", "buprenorphine", "naltrexone"],
    "approach": ["contingency", "matrix", "family", "cbt", "dbt"],
    "serves": ["veterans", "pregnant", "adolescents", "lgbtq", "young-adults"],
    "lang": ["spanish", "asl", "native"],
    "schedule": ["evening-weekend"],
    "openings": ["yes"],
    "virtual": ["yes"],
}


def random_queries(count: int, seed: int) -> list[SearchQuery]:
    """Around real ZIP codes, or across states and cities, with one to four filter groups (some two options)."""
    rng = random.Random(seed)
    places = [
        (Point(lat, lon), state)
        for lat, lon, state in Place.objects.order_by("zip_code").values_list("latitude", "longitude", "state")
        if lat is not None and lon is not None
    ]
    cities = list(Facility.objects.filter(published=True).order_by("pk").values_list("state", "city")[::97])
    queries = []
    for _ in range(count):
        filters: dict[str, tuple[str, ...]] = {}
        for group in rng.sample(sorted(FILTER_CHOICES), rng.randint(1, 4)):
            filters[group] = tuple(
                rng.sample(FILTER_CHOICES[group], min(len(FILTER_CHOICES[group]), rng.randint(1, 2)))
            )
        kind = rng.random()
        if kind < 0.7:
            where = {"point": rng.choice(places)[0], "radius_miles": rng.choice(RADIUS_CHOICES)}
        elif kind < 0.85:
            where = {"state": rng.choice(places)[1]}
        else:
            state, city = rng.choice(cities)
            where = {"state": state, "city": city}
        queries.append(SearchQuery(**where, filters=filters, with_facets=False, page_size=1))  # type: ignore[arg-type]
    return queries


@pytest.fixture
def some_programs_say_things():
    """A few real listings whose programs have said what the program filters look for, so those filters find some."""
    evening, taking, virtual, said_no = iop_listings_near(count=4)
    say(evening, {"evening_track": True})
    say(taking, {"openings": Openings.YES})
    say(virtual, {"virtual_iop": True})
    say(said_no, {"virtual_iop": False, "openings": Openings.NOT_NOW})


def test_a_count_is_the_full_search_total(some_programs_say_things):
    found_some = 0
    for query in random_queries(300, seed=13):
        total = search_facilities(query).total
        assert count_facilities(query) == total, query
        found_some += bool(total)
    assert 60 < found_some < 280  # both found and empty answers were checked


def test_houston_counts_programs_by_what_they_said(some_programs_say_things):
    houston = Place.objects.get(zip_code="77002")
    assert houston.latitude is not None and houston.longitude is not None
    query = SearchQuery(point=Point(houston.latitude, houston.longitude), filters={"virtual": ("yes",)})
    assert count_facilities(query) == 1 == search_facilities(query).total


def test_leaving_out_each_group_counts_as_searching_without_it(some_programs_say_things):
    groups = [group.key for group in filter_groups()]
    for query in random_queries(150, seed=14):
        counted = counts_leaving_out(query, groups)
        for key in groups:
            without = {group: keys for group, keys in query.filters.items() if group != key}
            if key == "care":
                without["care"] = ()  # every level of care, not the default
            expected = search_facilities(dataclasses.replace(query, filters=without)).total
            assert counted[key] == expected, (query, key)


def test_each_facet_group_says_what_leaving_it_out_would_find(some_programs_say_things):
    # An empty result's ways out read these instead of counting again (directory.search.alternatives).
    groups = [group.key for group in filter_groups()]
    checked = 0
    for query in random_queries(150, seed=16):
        facets = search_facilities(dataclasses.replace(query, with_facets=True)).facets
        told = {facet.group.key: facet.total_without for facet in facets}
        assert told == counts_leaving_out(query, groups), query
        checked += any(told[key] != told["care"] for key in groups)
    assert checked > 20  # groups that were chosen, whose totals differ from the others'


def test_counts_within_each_radius_are_the_totals_of_searching_that_far(some_programs_say_things):
    checked = 0
    for query in random_queries(200, seed=15):
        if query.point is None:
            continue
        radii = [miles for miles in RADIUS_CHOICES if miles >= query.radius_miles]
        counted = counts_within(query, radii)
        assert list(counted) == radii
        for miles in radii:
            assert counted[miles] == search_facilities(dataclasses.replace(query, radius_miles=miles)).total
        checked += 1
    assert checked > 100


def test_counts_within_no_radius_is_no_count_and_a_state_has_no_radius():
    query = SearchQuery(point=Point(29.76, -95.37))
    assert counts_within(query, []) == {}
    with pytest.raises(ValueError, match="point"):
        counts_within(SearchQuery(state="TX"), [25])


def test_a_place_asked_about_again_after_a_write_answers_from_the_write():
    """The last few places' candidates are kept (selector._candidates) for one revision of the directory only:
    a listing withdrawn between two questions about the same place is gone from the second answer."""
    query = SearchQuery(point=Point(29.7589, -95.3677), radius_miles=10, filters={"care": ()})
    first = search_facilities(query)
    assert count_facilities(query) == first.total > 1
    withdrawn = first.hits[0].facility
    Facility.objects.filter(pk=withdrawn.pk).update(published=False)
    again = search_facilities(query)
    assert again.total == count_facilities(query) == first.total - 1
    assert withdrawn.pk not in {hit.facility.pk for hit in again.hits}
