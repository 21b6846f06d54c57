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

import threading
from datetime import date

from django.db import connection

from directory.freshness import newest_confirmation, out_of_date
from directory.models import Facility
from directory.service_mask import SERVICE_COLUMNS

# What a result card shows; the rest of a facility waits for its own page.
# Text and numbers only: the database drivers give them back as the ORM
# would, so no ORM conversion is needed (dates would need one).
CARD_FIELDS = (
    "public_id", "name", "program_name", "street1", "street2", "city", "state", "zip_code", "phone",
    "latitude", "longitude", "coordinate_precision", *SERVICE_COLUMNS,
)  # fmt: skip
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


class _Held:
    def __init__(self, revision: str) -> None:
        self.revision = revision
        self.cards: dict[int, Card] = {}


_held = _Held("")
_lock = threading.Lock()


def card_facilities(ids: list[int], revision: str, today: date | None) -> dict[int, tuple[Facility, date | None]]:
    """Each facility of `ids` with the card's fields only, and, given `today`, since when it has gone
    unconfirmed (directory.freshness) or None. `revision` is the directory's, as the caller read it.

    Without `today` (exports paging through thousands of listings, no page of cards) nothing is held.
    """
    if today is None:
        return {facility_id: (facility, None) for facility_id, facility in _read_plain(ids).items()}
    held = _current(revision)
    cards = held.cards
    missing = [facility_id for facility_id in ids if facility_id not in cards]
    read = _read_with_confirmations(missing) if missing else {}
    if read and revision:  # without a revision nothing would tell when the rows change
        if len(cards) + len(read) > MAX_HELD:
            held.cards = dict(read)  # a new dict: a search reading the old one in another thread keeps it
        else:
            cards.update(read)
    found = {}
    for facility_id in ids:
        card = cards.get(facility_id) or read.get(facility_id)
        if card is not None:
            facility, newest = card
            found[facility_id] = (facility, newest if out_of_date(newest, today) else None)
    return found


def _current(revision: str) -> _Held:
    global _held
    if _held.revision != revision:
        with _lock:
            if _held.revision != revision:
                _held = _Held(revision)
    return _held


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
