"""gzip for public pages, and never for a page whose secrets a BREACH attack could read.

BREACH guesses a secret that sits, byte for byte the same, in many compressed
responses beside text the attacker chooses (a reflected search term), reading
the compressed length each time. On the public pages the only secret is the
CSRF token of the language form, and Django masks it with a new random mask
in every response, so no two responses share it; Django's GZipMiddleware also
pads each response by a random length ("Heal The Breach"). What stays the same
across responses is personal data and a signed-in person's pages, so those go
uncompressed: anything for a signed-in user (staff back office, admin) and any
response marked private or no-store (the coverage form, its confirmation, the
privacy requests: never_cache marks them).
"""

from __future__ import annotations

from django.http import HttpRequest
from django.http.response import HttpResponseBase
from django.middleware.gzip import GZipMiddleware

SAFE_METHODS = frozenset({"GET", "HEAD"})


def may_compress(request: HttpRequest, response: HttpResponseBase) -> bool:
    if request.method not in SAFE_METHODS:
        return False
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return False
    cache_control = response.get("Cache-Control", "").lower()
    return "private" not in cache_control and "no-store" not in cache_control


class PublicGZipMiddleware(GZipMiddleware):
    """Django's gzip (with its BREACH padding) on public, anonymous responses only; see the module's note."""

    def process_response(self, request: HttpRequest, response: HttpResponseBase) -> HttpResponseBase:
        if not may_compress(request, response):
            return response
        return super().process_response(request, response)
