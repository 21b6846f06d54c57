"""Per-client request limits for the public API (counted by iopfinder.ratelimit)."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.http import HttpRequest

from iopfinder.ratelimit import client_address, count_in_window
from operations.cache import CacheUnavailable


@dataclass(frozen=True)
class Verdict:
    allowed: bool
    retry_after: int = 0


def check_rate(request: HttpRequest, cost: int = 1) -> Verdict:
    """Count this request against its client's window; `cost` lets heavy requests (exports) count more."""
    if settings.API_RATE_LIMIT <= 0:
        return Verdict(True)
    try:
        used, seconds_left = count_in_window(
            "api", client_address(request), window_seconds=settings.API_RATE_WINDOW, cost=cost
        )
    except CacheUnavailable:
        # The data is public: while Redis is down the API answers unlimited rather than not at all.
        return Verdict(True)
    if used > settings.API_RATE_LIMIT:
        return Verdict(False, seconds_left)
    return Verdict(True)
