"""Per-client request limits for the public API, counted in Django's cache.

A fixed window per client address: one atomic `incr` per request, so the
limit costs a cache round-trip and never a database query. The client is the
connecting address; X-Forwarded-For is believed only for as many proxies as
API_TRUSTED_PROXIES says, since anyone can send that header.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest


@dataclass(frozen=True)
class Verdict:
    allowed: bool
    retry_after: int = 0


def client_address(request: HttpRequest) -> str:
    trusted = getattr(settings, "API_TRUSTED_PROXIES", 0)
    remote = request.META.get("REMOTE_ADDR", "")
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if trusted and forwarded:
        hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
        if hops:
            return hops[-min(trusted, len(hops))]
    return remote


def check_rate(request: HttpRequest, cost: int = 1) -> Verdict:
    """Count this request against its client's window; `cost` lets heavy requests (exports) count more."""
    limit: int = getattr(settings, "API_RATE_LIMIT", 0)
    window: int = getattr(settings, "API_RATE_WINDOW", 60)
    if limit <= 0:
        return Verdict(True)
    now = time.time()
    window_start = math.floor(now / window) * window
    key = f"api-rate:{client_address(request)}:{window_start}"
    # add() is a no-op when the key exists; incr() is atomic in every cache backend Django ships.
    cache.add(key, 0, timeout=window + 1)
    try:
        used = cache.incr(key, cost)
    except ValueError:  # expired between add() and incr()
        cache.add(key, cost, timeout=window + 1)
        used = cost
    if used > limit:
        return Verdict(False, max(1, math.ceil(window_start + window - now)))
    return Verdict(True)
