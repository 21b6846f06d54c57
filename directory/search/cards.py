"""The facilities a page of results shows, with their newest confirmation, held in each process per revision.

Reading a page's twenty cards (for the results pages and the API, which mark
a listing nobody has confirmed for long) was one database round trip per
search, a quarter of an API answer's time on PostgreSQL. Searches across the long tail
of places show, again and again, facilities earlier searches showed, and what
a card says changes only with the directory's revision (directory.revision:
a write to a facility, the legend or a program's own facts renews it). So
each process keeps the cards it has read until the revision changes, and a
search reads only the facilities it has not shown before.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any, TypeVar

from django.db import connection

from directory.freshness import newest_confirmation, out_of_date
from directory.models import Facility
from directory.revision import held_on_revision
from directory.service_mask import SERVICE_COLUMNS

# What a result card shows; the rest of a facility waits for its own page.
# Text and numbers only: the database drivers give them back as the ORM
# would, so no ORM conversion is needed (dates would need one).
CARD_FIELDS = (
    "public_id", "name", "program_name", "street1", "street2", "city", "state", "zip_code", "phone",
    "latitude", "longitude", "coordinate_precision", *SERVICE_COLUMNS,
)  # fmt: skip
T = TypeVar("T")
# More than the national directory, so a process holds it all; a bigger one (the benchmark's million) starts over.
MAX_HELD = 20_000

_FIELDS = ("id", *CARD_FIELDS)
# One plain query for the cards and the dates their facts were confirmed: building it through a
# QuerySet cost more than the whole search for a page of twenty, and a second query a second round trip.
_COLUMNS = f"SELECT {', '.join(f'f.{name}' for name in _FIELDS)}"
_TABLES = " FROM directory_facility f"
_CONFIRMATIONS = ", f.provenance, p.stamps"
_CONFIRMATIONS_TABLE = " LEFT OUTER JOIN programs_programfacts p ON p.facility_id = f.id"

Card = tuple[Facility, "date | None"]  # the facility's card fields, and its newest confirmation
HELD_AS = "result-cards"  # the name of this process's cards in directory.revision.held_on_revision


def card_facilities(ids: list[int], revision: str, today: date | None) -> dict[int, tuple[Facility, date | None]]:
    """Each facility of `ids` with the card's fields only, and, given `today`, since when it has gone
    unconfirmed (directory.freshness) or None. `revision` is the directory's, as the caller read it
    (without one, nothing would tell when the rows change, and held_on_revision keeps nothing).

    Without `today` (exports paging through thousands of listings, no page of cards) nothing is held.
    """
    if today is None:
        return {facility_id: (facility, None) for facility_id, facility in _read_plain(ids).items()}
    cards: dict[int, Card] = held_on_revision(HELD_AS, dict, revision)
    found = {facility_id: card for facility_id in ids if (card := cards.get(facility_id)) is not None}
    missing = [facility_id for facility_id in ids if facility_id not in found]
    if missing:
        read = _read_with_confirmations(missing)
        if len(cards) + len(read) > MAX_HELD:
            cards.clear()
        cards.update(read)
        found.update(read)
    marked = {}
    for facility_id in ids:
        if facility_id in found:
            facility, newest = found[facility_id]
            marked[facility_id] = (facility, newest if out_of_date(newest, today) else None)
    return marked


def built_once(facility: Facility, name: str, build: Callable[[], T]) -> T:
    """`build()` once per facility: what is made from a card's fields alone (its markup in a language,
    its API summary), kept on the facility. Every search gets the same held facility until the
    directory's revision changes, so a new revision builds it anew; a facility read elsewhere
    (a city page, an export) builds it for its one use."""
    kept: dict[str, Any] = facility.__dict__.setdefault("_built_from_card", {})
    if name not in kept:
        kept[name] = build()
    return kept[name]  # type: ignore[no-any-return]


def _read_with_confirmations(ids: list[int]) -> dict[int, Card]:
    rows = _fetch(_COLUMNS + _CONFIRMATIONS + _TABLES + _CONFIRMATIONS_TABLE, ids)
    width = len(_FIELDS)
    return {row[0]: (_facility(row[:width]), newest_confirmation(row[width], row[width + 1])) for row in rows}


def _read_plain(ids: list[int]) -> dict[int, Facility]:
    return {row[0]: _facility(row) for row in _fetch(_COLUMNS + _TABLES, ids)} if ids else {}


def _fetch(sql: str, ids: list[int]) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(sql + f" WHERE f.id IN ({', '.join(['%s'] * len(ids))})", ids)
        return cursor.fetchall()


def _facility(row: tuple) -> Facility:
    return Facility.from_db(connection.alias, _FIELDS, row)
