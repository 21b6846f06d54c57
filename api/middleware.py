"""What every public API answer shares: CORS, the rate limit and HTTP caching.

One middleware for /api/ and /hsds/ so that ninja endpoints, exports and the
HSDS views all behave the same, and so that a 304, a 429 or a preflight is
answered before any search work is done.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

from django.http import HttpRequest, HttpResponse, HttpResponseBase, JsonResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from api.caching import add_validators, cached_response, data_version, not_modified, remember_response
from api.ratelimit import check_rate

PUBLIC_PREFIXES = ("/api/", "/hsds/")
EXPORT_MARKER = "/exports/"
HSDS_DATAPACKAGE = "/hsds/datapackage.zip"
# An export streams up to thousands of rows (an HSDS list as ndjson, or the
# datapackage, the whole directory): it counts as this many requests.
EXPORT_COST = 10
CORS_HEADERS = {
    "Access-Control-Allow-Origin": "*",
    "Access-Control-Expose-Headers": "ETag, Last-Modified, Retry-After, Content-Disposition",
}
PREFLIGHT_HEADERS = {
    **CORS_HEADERS,
    "Access-Control-Allow-Methods": "GET, HEAD, OPTIONS",
    # Only what revalidation and content negotiation need; no credentials are ever accepted.
    "Access-Control-Allow-Headers": "Accept, Accept-Language, If-None-Match, If-Modified-Since",
    "Access-Control-Max-Age": "86400",
}


class PublicApiMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        if not request.path.startswith(PUBLIC_PREFIXES) or request.path == _docs_page():
            # The docs are a page for people, with the visitor's own CSRF token for
            # the language button: never a shared, cached answer.
            return self.get_response(request)
        if request.method == "OPTIONS":
            return _with_headers(HttpResponse(status=204), PREFLIGHT_HEADERS)
        verdict = check_rate(request, EXPORT_COST if _is_export(request) else 1)
        if not verdict.allowed:
            return _too_many(verdict.retry_after)
        version = data_version(request)
        response = not_modified(request, version) or cached_response(request, version)
        if response is None:
            response = self.get_response(request)
            remember_response(request, version, response)
        if response.status_code == 200:
            add_validators(response, version)
        elif response.status_code != 304:
            response["Cache-Control"] = "no-store" if response.status_code == 429 else "no-cache"
        return _with_headers(response, CORS_HEADERS)


def _is_export(request: HttpRequest) -> bool:
    return (
        EXPORT_MARKER in request.path
        or request.path == HSDS_DATAPACKAGE
        or request.GET.get("format", "").strip().lower() == "ndjson"
    )


@lru_cache(maxsize=1)
def _docs_page() -> str:
    return reverse("api-docs")


def _too_many(retry_after: int) -> HttpResponseBase:
    message = _("Too many requests from your address. Wait %(seconds)s seconds, then try again.") % {
        "seconds": retry_after
    }
    response = JsonResponse({"error": "rate_limited", "message": message}, status=429)
    response["Retry-After"] = str(retry_after)
    response["Cache-Control"] = "no-store"
    return _with_headers(response, CORS_HEADERS)


def _with_headers(response: HttpResponseBase, headers: dict[str, str]) -> HttpResponseBase:
    for name, value in headers.items():
        response[name] = value
    return response
