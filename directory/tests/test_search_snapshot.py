"""Each process's snapshot of the search columns: the same answers as the database, and never stale."""

import pytest
from django.db import transaction

from directory.geocoding import Point
from directory.models import Facility, Place
from directory.search import SearchQuery, search_facilities, snapshot
from directory.tests.test_search import FILTER_COMBINATIONS, ZIPS

pytestmark = pytest.mark.django_db

HOUSTON = Point(29.7589, -95.3677)


def found(point: Point = HOUSTON, radius: int = 25) -> list[tuple[int, float | None]]:
    result = search_facilities(SearchQuery(point=point, radius_miles=radius, filters={}, page_size=100_000))
    return [(hit.facility.pk, hit.distance_miles) for hit in result.hits]


@pytest.mark.parametrize("zip_code", ZIPS)
def test_the_snapshot_answers_exactly_as_the_database(zip_code, monkeypatch):
    place = Place.objects.get(zip_code=zip_code)
    assert place.latitude is not None and place.longitude is not None
    queries = [
        SearchQuery(point=Point(place.latitude, place.longitude), radius_miles=radius, filters=filters, page_size=500)
        for radius in (5, 25, 100)
        for filters in FILTER_COMBINATIONS
    ]
    assert snapshot.current() is not None
    from_snapshot = [search_facilities(query) for query in queries]
    monkeypatch.setattr(snapshot, "current", lambda: None)
    from_database = [search_facilities(query) for query in queries]
    for held, read in zip(from_snapshot, from_database, strict=True):
        assert held.total == read.total
        assert [(h.facility.pk, h.distance_miles) for h in held.hits] == [
            (h.facility.pk, h.distance_miles) for h in read.hits
        ]
        counts = [[[o.count for o in g.options] for g in result.facets] for result in (held, read)]
        assert counts[0] == counts[1]


def nearest() -> Facility:
    return Facility.objects.get(pk=found()[0][0])


def test_an_unpublished_listing_leaves_the_next_search():
    gone = nearest()
    Facility.objects.filter(pk=gone.pk).update(published=False)  # plain SQL, as imports write
    assert gone.pk not in dict(found())


def test_a_moved_listing_is_found_where_it_is_now():
    moved = Facility.objects.filter(published=True, state="AK").earliest("pk")
    assert moved.pk not in dict(found(radius=5))
    Facility.objects.filter(pk=moved.pk).update(latitude=HOUSTON.latitude, longitude=HOUSTON.longitude)
    assert dict(found(radius=5))[moved.pk] == pytest.approx(0.0, abs=1e-9)


def test_a_listing_that_gains_a_service_is_counted_for_it():
    facility = nearest()
    before = search_facilities(SearchQuery(point=HOUSTON, filters={"med": ("methadone",)})).total
    from directory.models import Service

    methadone = Service.objects.get(code="MU")
    word, bit = divmod(methadone.bit, 64)
    current = getattr(facility, f"services_{word}")
    if (current >> bit) & 1:
        pytest.skip("the nearest facility already offers it")
    value = current | (1 << bit)
    value = value - (1 << 64) if value >= 1 << 63 else value  # the words are signed 64-bit
    Facility.objects.filter(pk=facility.pk).update(**{f"services_{word}": value})
    assert search_facilities(SearchQuery(point=HOUSTON, filters={"med": ("methadone",)})).total == before + 1


def test_new_and_deleted_listings_are_seen_at_once():
    copy = nearest()
    copy.pk, copy.public_id, copy.identity_key = None, "snapshot-test", "snapshot-test"
    copy.save()
    assert copy.pk in dict(found())
    Facility.objects.filter(pk=copy.pk).delete()
    assert copy.pk not in dict(found())


def test_a_rolled_back_write_leaves_no_trace():
    before = found()
    with pytest.raises(RuntimeError), transaction.atomic():
        Facility.objects.filter(pk=before[0][0]).update(published=False)
        assert found() != before  # the snapshot was rebuilt inside the transaction
        raise RuntimeError("roll back")
    assert found() == before


def test_without_a_revision_the_search_reads_the_database():
    from directory.models import SearchRevision

    before = found()
    SearchRevision.objects.all().delete()
    assert snapshot.current() is None
    assert found() == before
