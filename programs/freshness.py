"""How old a program's answer may be before the site stops repeating it.

Openings change from week to week: an answer older than 30 days is hidden
(pages say "ask about openings when you call", the search stops counting it)
without any write, by comparing its day with today's. The other facts keep
their date beside them and age with the whole listing (directory.freshness).
"""

from __future__ import annotations

import time
from datetime import date, datetime, timedelta, tzinfo
from typing import Any

from django.utils import timezone

OPENINGS_FRESH_DAYS = 30


def today() -> date:
    """The site's today (settings.TIME_ZONE); tests travel in time by replacing it.

    The day is kept with the moments it starts and ends: timezone.localdate() cost 5 µs a call, and a
    results page asks three to six times.
    """
    global _day
    moment, zone = time.time(), timezone.get_default_timezone()
    start, end, held_zone, day = _day
    if held_zone is not zone or not start <= moment < end:
        day = datetime.fromtimestamp(moment, zone).date()
        # Midnight to midnight in the zone itself: a day of a clock change is 23 or 25 hours long.
        start = datetime.combine(day, datetime.min.time(), zone).timestamp()
        end = datetime.combine(day + timedelta(days=1), datetime.min.time(), zone).timestamp()
        _day = (start, end, zone, day)
    return day


_day: tuple[float, float, tzinfo | None, date] = (0.0, 0.0, None, date.min)


def stamp_day(stamp: dict[str, Any] | None) -> date | None:
    """The day a group of facts was said, from its stamp ({"kind": ..., "at": ISO date-time}); None if unknown."""
    if not stamp or not stamp.get("at"):
        return None
    try:
        moment = datetime.fromisoformat(stamp["at"])
    except (TypeError, ValueError):
        return None
    return timezone.localdate(moment) if timezone.is_aware(moment) else moment.date()


def openings_fresh(stated: date | None, on: date) -> bool:
    """Whether an answer about openings given on `stated` may still be shown on day `on`."""
    return stated is not None and (on - stated).days <= OPENINGS_FRESH_DAYS
