"""The search mix of the HTTP benchmarks: distinct real searches that the page accepts, the same every run."""

from collections import Counter

import pytest
from django.http import QueryDict

from bench.load import draw_searches
from directory.forms import SearchForm
from directory.models import Facility
from directory.search.filters import STATIC_GROUPS

pytestmark = pytest.mark.django_db


@pytest.fixture
def places():
    listed = Facility.objects.filter(published=True, latitude__isnull=False).exclude(city="")
    return sorted(set(listed.values_list("zip_code", "city", "state")))


def test_the_mix_is_a_thousand_distinct_searches_and_the_same_for_the_same_seed(places):
    mix = draw_searches(places)
    assert len(mix) == len(set(mix)) == 1000
    assert draw_searches(places) == mix
    assert draw_searches(places, seed=1) != mix


def test_every_search_of_the_mix_is_a_valid_search_of_a_listed_place(places):
    zips = {zip_code[:5] for zip_code, _city, _state in places}
    cities = {f"{city.title()}, {state}" for _zip, city, state in places}
    for query in draw_searches(places, count=300):
        form = SearchForm(QueryDict(query))
        assert form.is_valid(), (query, form.errors)
        assert form.cleaned_data["where"] in zips | cities


def test_the_mix_spreads_over_radii_places_and_filters(places):
    mix = [QueryDict(query) for query in draw_searches(places)]
    assert len(Counter(query["radius"] for query in mix)) == 5
    assert len({query["where"] for query in mix}) > 800
    assert sum(query["where"].isdigit() for query in mix) > 300  # ZIP codes and cities both
    groups = Counter(key for query in mix for key in query if key not in ("where", "radius"))
    assert set(groups) == {group.key for group in STATIC_GROUPS}, "every group of the filter table is asked"
