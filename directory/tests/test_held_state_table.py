"""A state's listings, read by the ways out of an empty result, are held per revision and answer as read afresh."""

import re
from urllib.parse import urlencode

import numpy as np
import pytest

from directory import revision
from directory.geocoding import Point
from directory.models import Facility
from directory.search import engine

pytestmark = pytest.mark.django_db


def _listed() -> Facility:
    facility = Facility.objects.filter(published=True, latitude__isnull=False).exclude(city="").order_by("pk").first()
    assert facility is not None
    return facility


def _forget_held() -> None:
    for name in [name for name in revision._held if name.startswith("in-state:")]:
        del revision._held[name]


def _empty_search(facility: Facility) -> str:
    # Nothing in the 2023 directory reports openings, so this finds nothing and offers the ways out.
    where = f"{facility.city.title()}, {facility.state}"
    return "/search/?" + urlencode([("where", where), ("radius", "10"), ("openings", "yes"), ("pay", "medicaid")])


def test_a_held_state_gives_the_candidates_that_a_fresh_read_gives():
    facility = _listed()
    assert facility.latitude is not None and facility.longitude is not None
    near = Point(facility.latitude, facility.longitude)
    _forget_held()
    engine.in_state(facility.state, near=near)
    held = engine.in_state(facility.state, near=near)
    table, order_keys = engine._state_table(facility.state)
    assert held.ids.tolist() == table["id"].tolist()
    assert held.order_keys == order_keys
    assert [word.tolist() for word in held.words] == [table[f"s{i}"].tolist() for i in range(len(held.words))]
    fresh_distances = engine.great_circle_miles(near, table["a"], table["b"])
    assert held.distances is not None
    assert np.array_equal(held.distances, fresh_distances, equal_nan=True)


def test_a_held_state_forgets_a_listing_unpublished_since():
    facility = _listed()
    _forget_held()
    assert facility.pk in engine.in_state(facility.state).ids.tolist()
    Facility.objects.filter(pk=facility.pk).update(published=False)
    assert facility.pk not in engine.in_state(facility.state).ids.tolist()


def test_a_held_state_table_cannot_be_changed_by_a_search():
    candidates = engine.in_state(_listed().state)
    with pytest.raises(ValueError):
        candidates.ids[0] = 0


def test_an_empty_result_offers_the_same_ways_out_from_a_held_state(client, settings):
    settings.SEARCH_PAGE_CACHE_SECONDS = 0
    path = _empty_search(_listed())
    _forget_held()
    fresh = client.get(path)
    assert fresh.context["alternatives"] is not None
    assert any(name.startswith("in-state:") for name in revision._held)
    held = client.get(path)
    assert _without_tokens(held.content) == _without_tokens(fresh.content)


def _without_tokens(body: bytes) -> bytes:
    body = re.sub(rb'name="csrfmiddlewaretoken" value="[^"]+"', b"", body)
    return re.sub(rb'nonce="[^"]+"', b"", body)
