"""A request that needs the shared cache while it is down gets a plain 503, not an error page."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render

from operations.cache import CacheUnavailable

RETRY_AFTER_SECONDS = 60


class CacheOutageMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not isinstance(exception, CacheUnavailable):
            return None
        if request.path.startswith(("/api/", "/hsds/")):
            response: HttpResponse = JsonResponse(
                {"detail": "Temporarily unavailable; try again in a minute."}, status=503
            )
        else:
            response = render(request, "operations/unavailable.html", status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        response["Cache-Control"] = "no-store"
        return response
