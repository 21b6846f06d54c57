"""Whether a listing may be out of date: no source has confirmed any of it for 18 months.

A confirmation is any dated word on the listing: a source's stamp (an
import that saw the row), a reviewed correction (directory.provenance), or
the program's own update (programs.ProgramFacts.stamps). The newest of them
counts. A listing with no dated word at all is not marked: nothing says
how old it is.
"""

from __future__ import annotations

import calendar
import json
from datetime import date
from typing import Any

from django.db import connection

from programs.freshness import stamp_day

STALE_AFTER_MONTHS = 18


def months_before(day: date, months: int) -> date:
    """The same day `months` earlier (the month's last day when it has fewer days)."""
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def newest_confirmation(provenance: Any, program_stamps: Any) -> date | None:
    """The newest day any source, correction or the program confirmed a fact of the listing.

    Either argument may be JSON text, as a plain query gives it, or already decoded.
    """
    provenance, program_stamps = _decoded(provenance), _decoded(program_stamps)
    days = [date.fromisoformat(stamp["confirmed"]) for stamp in provenance.values() if stamp.get("confirmed")]
    days += [day for stamp in program_stamps.values() if (day := stamp_day(stamp)) is not None]
    return max(days, default=None)


def out_of_date(newest: date | None, today: date) -> bool:
    """Marked when the newest confirmation is more than STALE_AFTER_MONTHS old."""
    return newest is not None and newest < months_before(today, STALE_AFTER_MONTHS)


def _decoded(value: Any) -> dict[str, Any]:
    if isinstance(value, str | bytes):
        value = json.loads(value)
    return value if isinstance(value, dict) else {}


_CONFIRMATIONS_SQL = (
    "SELECT f.id, f.provenance, p.stamps FROM directory_facility f"
    " LEFT OUTER JOIN programs_programfacts p ON p.facility_id = f.id WHERE f.id IN "
)


def unconfirmed_since(ids: list[int], today: date) -> dict[int, date]:
    """Of these facilities, those that may be out of date, with their newest confirmation: one query a page."""
    if not ids:
        return {}
    with connection.cursor() as cursor:
        cursor.execute(_CONFIRMATIONS_SQL + f"({', '.join(['%s'] * len(ids))})", ids)
        rows = cursor.fetchall()
    stale = {}
    for facility_id, provenance, stamps in rows:
        newest = newest_confirmation(provenance, stamps)
        if newest is not None and out_of_date(newest, today):
            stale[facility_id] = newest
    return stale
