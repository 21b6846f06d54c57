"""Limits on claims and sign-in link requests (per client address and e-mail address) and on updates (per account).

The coverage form's counters (intake.ratelimit), under names of their own.
"""

from django.conf import settings

from intake.ratelimit import hit


def _within(kind: str, value: str, limit: int) -> bool:
    return hit(kind, value, limit=limit, window_seconds=settings.REPRESENTATIVE_RATE_LIMIT_WINDOW_SECONDS)


def claim_allowed(*, ip_address: str, email: str) -> bool:
    ip_ok = _within("listing-claim-ip", ip_address, settings.LISTING_CLAIM_RATE_LIMIT_PER_IP)
    email_ok = not email or _within(
        "listing-claim-email", email.casefold(), settings.LISTING_CLAIM_RATE_LIMIT_PER_EMAIL
    )
    return ip_ok and email_ok


def sign_in_link_allowed(*, ip_address: str, email: str) -> bool:
    ip_ok = _within("sign-in-link-ip", ip_address, settings.SIGN_IN_LINK_RATE_LIMIT_PER_IP)
    email_ok = not email or _within("sign-in-link-email", email.casefold(), settings.SIGN_IN_LINK_RATE_LIMIT_PER_EMAIL)
    return ip_ok and email_ok


def program_update_allowed(*, account: str) -> bool:
    return _within("program-update", account, settings.PROGRAM_UPDATE_RATE_LIMIT_PER_ACCOUNT)
