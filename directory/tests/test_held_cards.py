"""Result cards are read from the database once per revision of the directory (directory/search/cards.py)."""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.db.models import F
from django.test.utils import CaptureQueriesContext

from directory.freshness import newest_confirmation
from directory.models import Facility
from directory.revision import directory_revision, held_on_revision
from directory.search import cards
from directory.search.cards import card_facilities

pytestmark = pytest.mark.django_db
SEARCH = {"where": "77002", "radius": "25", "care": ""}


def _card_reads(queries) -> int:
    return sum("programs_programfacts p ON" in query["sql"] for query in queries)


def _held_ids(revision: str) -> set[int]:
    return set(held_on_revision(cards.HELD_AS, dict, revision))


def _renew_the_revision() -> None:
    """A write, as an import or a correction makes: every card held before it is read again."""
    Facility.objects.filter(pk=Facility.objects.order_by("pk").values_list("pk", flat=True)[:1]).update(name=F("name"))


def test_a_search_showing_programs_shown_before_reads_no_cards(client, settings):
    settings.SEARCH_PAGE_CACHE_SECONDS = 0
    _renew_the_revision()  # earlier tests in this process may have shown these programs already
    with CaptureQueriesContext(connection) as first:
        first_page = client.get("/search/", SEARCH)
    with CaptureQueriesContext(connection) as again:
        second_page = client.get("/search/", SEARCH)
    assert first_page.context["result"].hits, "the search must show programs"
    assert _card_reads(first.captured_queries) == 1
    assert _card_reads(again.captured_queries) == 0
    assert second_page.content.count(b'class="hit"') == first_page.content.count(b'class="hit"')


def test_a_renamed_program_shows_its_new_name_on_the_next_search(client, settings):
    settings.SEARCH_PAGE_CACHE_SECONDS = 0
    shown = client.get("/search/", SEARCH).context["result"].hits[0].facility
    Facility.objects.filter(pk=shown.pk).update(name="Renamed Recovery Center")
    body = client.get("/search/", SEARCH).content.decode()
    assert "Renamed Recovery Center" in body


def test_the_out_of_date_mark_follows_the_day_asked_about_not_the_day_the_card_was_read():
    facility = Facility.objects.filter(published=True).exclude(provenance={}).first()
    assert facility is not None
    newest = newest_confirmation(facility.provenance, None)
    assert newest is not None, "the test directory's listings carry confirmation dates"
    revision = directory_revision()
    long_after = newest + timedelta(days=365 * 5)
    assert card_facilities([facility.pk], revision, long_after)[facility.pk][1] == newest
    with CaptureQueriesContext(connection) as queries:
        assert card_facilities([facility.pk], revision, newest + timedelta(days=1))[facility.pk][1] is None
    assert queries.captured_queries == []


def test_without_a_day_to_judge_freshness_cards_are_read_and_not_held():
    """Exports page through thousands of listings without freshness: they read plainly and keep nothing."""
    _renew_the_revision()
    ids = list(Facility.objects.filter(published=True).order_by("-pk").values_list("pk", flat=True)[:3])
    revision = directory_revision()
    with CaptureQueriesContext(connection) as queries:
        found = card_facilities(ids, revision, None)
    assert sorted(found) == sorted(ids) and all(unconfirmed is None for _, unconfirmed in found.values())
    assert len(queries.captured_queries) == 1 and "programs_programfacts" not in queries.captured_queries[0]["sql"]
    assert not set(ids) & set(_held_ids(revision))


def test_past_the_limit_the_process_starts_over_and_every_card_is_still_found(monkeypatch):
    monkeypatch.setattr(cards, "MAX_HELD", 3)
    _renew_the_revision()
    ids = list(Facility.objects.filter(published=True).order_by("pk").values_list("pk", flat=True)[:5])
    revision = directory_revision()
    assert sorted(card_facilities(ids[:2], revision, date.today())) == ids[:2]
    found = card_facilities(ids[2:], revision, date.today())
    assert set(_held_ids(revision)) == set(ids[2:])  # two held and three more is past three
    assert [found[pk][0].public_id for pk in ids[2:]] == list(
        Facility.objects.filter(pk__in=ids[2:]).order_by("pk").values_list("public_id", flat=True)
    )
