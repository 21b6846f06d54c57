"""Fixed-window counters in Django's cache, and who the client is: shared by the API and the coverage form.

One atomic `incr` per request (Redis when REDIS_URL is set, so every worker
counts together); keys hold an HMAC of what is counted, never an address or a
phone number. The client is the connecting address; X-Forwarded-For is
believed only for as many proxies as TRUSTED_PROXIES says, since anyone can
send that header.
"""

from __future__ import annotations

import hashlib
import hmac
import time

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest


def client_address(request: HttpRequest) -> str:
    remote = request.META.get("REMOTE_ADDR", "")
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if settings.TRUSTED_PROXIES and forwarded:
        hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
        if hops:
            return hops[-min(settings.TRUSTED_PROXIES, len(hops))]
    return remote


def keyed_digest(value: str) -> str:
    """A client's address (or another identifier) as a key that counts it without storing it."""
    return hmac.new(settings.SECRET_KEY.encode(), value.encode(), hashlib.sha256).hexdigest()[:32]


def count_in_window(kind: str, value: str, *, window_seconds: int, cost: int = 1) -> tuple[int, int]:
    """Add `cost` to this window's count for `value`; (the count now, seconds until the window ends)."""
    now = time.time()
    window = int(now // window_seconds)
    key = f"rate:{kind}:{keyed_digest(value)}:{window}"
    # add() is a no-op when the key exists; incr() is atomic in every cache backend Django ships.
    cache.add(key, 0, timeout=window_seconds + 1)
    try:
        count = cache.incr(key, cost)
    except ValueError:  # the entry expired between add() and incr(): the first hit of a new window
        cache.add(key, cost, timeout=window_seconds + 1)
        count = cost
    return count, max(1, int((window + 1) * window_seconds - now + 0.999))
