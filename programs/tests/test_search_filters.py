"""The three filters on what programs say of themselves: they find the program, count like the others, and
see a change at once; "taking new clients" stops matching 30 days after it was said."""

import dataclasses
from datetime import timedelta

import numpy as np
import pytest
from django.utils import timezone

from directory.models import Facility
from directory.search import SearchQuery, search_facilities
from directory.search.engine import great_circle_miles
from directory.search.legend import legend
from programs import freshness
from programs.models import Openings
from programs.selectors import facts_of
from programs.tests.helpers import iop_listings_near, point_of, say

pytestmark = pytest.mark.django_db

RADIUS = 25


def query_near(facility: Facility, **filters: tuple[str, ...]) -> SearchQuery:
    return SearchQuery(point=point_of(facility), radius_miles=RADIUS, filters={"care": ("iop",), **filters})


def found_ids(query: SearchQuery) -> set[int]:
    result = search_facilities(dataclasses.replace(query, page_size=500))
    return {hit.facility.pk for hit in result.hits}


def facet_count(query: SearchQuery, group: str, option: str) -> int:
    facets = {facet.group.key: facet for facet in search_facilities(query).facets}
    return next(o.count for o in facets[group].options if o.option.key == option)


@pytest.mark.parametrize(
    ("group", "option", "changes"),
    [
        ("schedule", "evening-weekend", {"evening_track": True}),
        ("schedule", "evening-weekend", {"weekend_track": True}),
        ("openings", "yes", {"openings": Openings.YES}),
        ("virtual", "yes", {"virtual_iop": True}),
    ],
)
def test_each_filter_finds_a_program_with_the_data_and_not_one_without(group, option, changes):
    with_data, without, said_no = iop_listings_near(count=3)
    query = query_near(with_data, **{group: (option,)})
    assert facet_count(query, group, option) == 0
    say(with_data, changes)
    say(said_no, {key: False if isinstance(value, bool) else Openings.NOT_NOW for key, value in changes.items()})
    assert found_ids(query) == {with_data.pk}
    assert without.pk not in found_ids(query) and said_no.pk not in found_ids(query)
    assert facet_count(query, group, option) == 1


def test_counts_match_a_brute_force_count_over_the_directory():
    listings = iop_listings_near(count=6)
    say(listings[0], {"evening_track": True, "openings": Openings.YES, "virtual_iop": True})
    say(listings[1], {"weekend_track": True, "openings": Openings.WAITING_LIST})
    say(listings[2], {"virtual_iop": True, "openings": Openings.YES})
    say(listings[3], {"openings": Openings.YES}, days_ago=31)  # too old to count
    say(listings[4], {"evening_track": False, "virtual_iop": False})
    say(listings[5], {"openings": Openings.YES, "evening_track": True}, days_ago=29)
    query = query_near(listings[0], pay=("medicaid",))
    result = search_facilities(query)
    point, today, codes = point_of(listings[0]), timezone.localdate(), legend().by_code
    wanted_bits = (codes["OIT"].bit, codes["MD"].bit)
    # The oracle: every published listing of the directory, by plain Python.
    near = []
    for facility in Facility.objects.filter(published=True, latitude__isnull=False).select_related("program_facts"):
        bits = set(facility.service_bits())
        miles = great_circle_miles(point, np.array([facility.latitude]), np.array([facility.longitude]))[0]
        if miles <= RADIUS and all(bit in bits for bit in wanted_bits):
            near.append(facts_of(facility))

    def brute(test) -> int:
        return sum(1 for facts in near if facts is not None and test(facts))

    expected = {
        ("schedule", "evening-weekend"): brute(lambda f: bool(f.evening_track or f.weekend_track)),
        ("openings", "yes"): brute(
            lambda f: (
                f.openings == Openings.YES
                and freshness.openings_fresh(freshness.stamp_day(f.stamps["openings"]), today)
            )
        ),
        ("virtual", "yes"): brute(lambda f: bool(f.virtual_iop)),
    }
    assert result.total == len(near)
    assert all(expected.values()), expected  # else the comparison below would prove little
    facets = {(facet.group.key, o.option.key): o.count for facet in result.facets for o in facet.options}
    for (group, option), count in expected.items():
        assert facets[group, option] == count
        chosen = dataclasses.replace(query, filters={**query.filters, group: (option,)})
        assert search_facilities(chosen).total == count


def test_taking_new_clients_stops_matching_30_days_after_it_was_said(monkeypatch):
    facility = iop_listings_near()[0]
    say(facility, {"openings": Openings.YES})
    query = query_near(facility, openings=("yes",))
    assert found_ids(query) == {facility.pk}
    said = timezone.localdate()
    monkeypatch.setattr(freshness, "today", lambda: said + timedelta(days=30))
    assert found_ids(query) == {facility.pk}
    monkeypatch.setattr(freshness, "today", lambda: said + timedelta(days=31))
    assert found_ids(query) == set()
    assert facet_count(query, "openings", "yes") == 0


def test_a_change_of_program_facts_shows_in_search_at_once():
    facility = iop_listings_near()[0]
    query = query_near(facility, virtual=("yes",))
    assert found_ids(query) == set()  # the search's copies are now held for this revision
    say(facility, {"virtual_iop": True})
    assert found_ids(query) == {facility.pk}
    say(facility, {"virtual_iop": False})
    assert found_ids(query) == set()


def test_the_results_page_offers_the_filters_with_counts_and_finds_the_program(client):
    facility = iop_listings_near()[0]
    say(facility, {"evening_track": True, "openings": Openings.YES, "virtual_iop": True})
    page = client.get("/search/", {"where": facility.zip_code}).content.decode()
    for label in ("Evening or weekend IOP", "Taking new clients", "Virtual IOP"):
        assert label in page
    assert 'id="f-openings-yes"' in page
    chosen = client.get(
        "/search/", {"where": facility.zip_code, "schedule": "evening-weekend", "openings": "yes", "virtual": "yes"}
    ).content.decode()
    assert facility.name in chosen
    assert "Matches your choices: Evening or weekend IOP · Taking new clients · Virtual IOP" in chosen


def test_a_result_card_marks_a_listing_nobody_confirmed_for_18_months(client):
    facility = iop_listings_near()[0]
    stamps = {fact: stamp | {"confirmed": "2020-01-02"} for fact, stamp in (facility.provenance or {}).items()}
    Facility.objects.filter(pk=facility.pk).update(provenance=stamps)
    page = client.get("/search/", {"where": facility.zip_code, "name": facility.name[:30]}).content.decode()
    assert "May be out of date: not confirmed since Jan. 2, 2020." in page
    result = search_facilities(dataclasses.replace(query_near(facility), with_freshness=True, page_size=100))
    marked = {hit.facility.pk for hit in result.hits if hit.unconfirmed_since}
    assert marked == {facility.pk}
