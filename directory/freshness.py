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


def stale_since(provenance: Any, program_stamps: Any, today: date) -> date | None:
    """The newest confirmation of a listing whose facts may be out of date (JSON text or decoded), else None."""
    newest = newest_confirmation(provenance, program_stamps)
    return newest if newest is not None and out_of_date(newest, today) else None
