"""Fixed-window submission limits kept in Django's cache (locmem in development, Redis when configured).

Keys hold an HMAC of the phone number, never the number itself.
"""

import hashlib
import hmac
import time

from django.conf import settings
from django.core.cache import cache


def _key(kind: str, value: str, window: int) -> str:
    digest = hmac.new(settings.SECRET_KEY.encode(), value.encode(), hashlib.sha256).hexdigest()[:32]
    return f"intake:rate:{kind}:{digest}:{window}"


def hit(kind: str, value: str, *, limit: int, window_seconds: int) -> bool:
    """Count one submission; True while the count in this window is within the limit."""
    window = int(time.time() // window_seconds)
    key = _key(kind, value, window)
    cache.add(key, 0, timeout=window_seconds)
    try:
        count = cache.incr(key)
    except ValueError:
        # The entry expired between add and incr: this is the first hit of a new window.
        cache.add(key, 1, timeout=window_seconds)
        count = 1
    return count <= limit


def submission_allowed(*, ip_address: str, phone: str) -> bool:
    window = settings.COVERAGE_RATE_LIMIT_WINDOW_SECONDS
    ip_ok = hit("ip", ip_address, limit=settings.COVERAGE_RATE_LIMIT_PER_IP, window_seconds=window)
    phone_ok = not phone or hit("phone", phone, limit=settings.COVERAGE_RATE_LIMIT_PER_PHONE, window_seconds=window)
    return ip_ok and phone_ok
