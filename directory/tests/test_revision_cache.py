"""What a results page keeps between requests follows the directory's revision, and a GET reads the revision once."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from directory.models import Facility
from directory.revision import directory_revision, held_on_revision
from directory.selectors import twin_labels

pytestmark = pytest.mark.django_db
SEARCH = "/search/?where=77002&radius=10&pay=medicaid"


def _revision_reads(queries) -> int:
    return sum("directory_searchrevision" in query["sql"] for query in queries)


def test_a_results_page_reads_the_directory_revision_once(client, settings):
    settings.SEARCH_PAGE_CACHE_SECONDS = 300  # the page cache asks for it too
    with CaptureQueriesContext(connection) as queries:
        assert client.get(SEARCH).status_code == 200
    assert _revision_reads(queries.captured_queries) == 1


def test_outside_a_request_every_read_asks_the_database():
    with CaptureQueriesContext(connection) as queries:
        directory_revision()
        directory_revision()
    assert _revision_reads(queries.captured_queries) == 2


def test_a_value_held_in_the_process_is_computed_again_after_a_write():
    computed: list[int] = []

    def compute() -> int:
        computed.append(1)
        return len(computed)

    held_on_revision("test-count", compute)
    assert held_on_revision("test-count", compute) == 1
    Facility.objects.filter(pk=Facility.objects.filter(published=True).values_list("pk", flat=True)[0]).update(
        name="Renamed"
    )
    assert held_on_revision("test-count", compute) == 2


def test_a_listing_that_gets_a_twin_is_told_apart_at_once():
    facility = Facility.objects.filter(published=True).exclude(phone="").first()
    assert facility is not None
    assert twin_labels([facility]) == {}
    twin = Facility.objects.get(pk=facility.pk)
    twin.pk, twin.public_id, twin.identity_key, twin.phone = None, "TWINTEST0001", "twin-test", "555-555-0199"
    twin.intake_phones, twin.hotline = [], ""
    twin.save()
    labels = twin_labels([facility, twin])
    assert set(labels) == {facility.public_id, twin.public_id}
    assert "555-0199" in labels[twin.public_id]


def test_a_results_page_searched_afresh_is_the_page_served_from_the_page_cache(client, settings):
    settings.SEARCH_PAGE_CACHE_SECONDS = 300
    first, served = client.get(SEARCH), client.get(SEARCH)
    settings.SEARCH_PAGE_CACHE_SECONDS = 0
    fresh = client.get(SEARCH)
    assert _without_tokens(first) == _without_tokens(served) == _without_tokens(fresh)
    assert "hits" in fresh.content.decode()


def _without_tokens(response) -> str:
    body = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", response.content.decode())
    return re.sub(r'nonce="[^"]+"', "", body)
