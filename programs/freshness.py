"""How old a program's answer may be before the site stops repeating it.

Openings change from week to week: an answer older than 30 days is hidden
(pages say "ask about openings when you call", the search stops counting it)
without any write, by comparing its day with today's. The other facts keep
their date beside them and age with the whole listing (directory.freshness).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.utils import timezone

OPENINGS_FRESH_DAYS = 30


def today() -> date:
    """The site's today (settings.TIME_ZONE); tests travel in time by replacing it."""
    return timezone.localdate()


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
