"""Coverage-request submission limits, per client address and per phone number (iopfinder.ratelimit)."""

from django.conf import settings

from iopfinder.ratelimit import count_in_window


def hit(kind: str, value: str, *, limit: int, window_seconds: int) -> bool:
    """Count one submission; True while the count in this window is within the limit."""
    count, _ = count_in_window(f"intake-{kind}", value, window_seconds=window_seconds)
    return count <= limit


def submission_allowed(*, ip_address: str, phone: str) -> bool:
    window = settings.COVERAGE_RATE_LIMIT_WINDOW_SECONDS
    ip_ok = hit("ip", ip_address, limit=settings.COVERAGE_RATE_LIMIT_PER_IP, window_seconds=window)
    phone_ok = not phone or hit("phone", phone, limit=settings.COVERAGE_RATE_LIMIT_PER_PHONE, window_seconds=window)
    return ip_ok and phone_ok
