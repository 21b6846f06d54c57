"""Every error of the API as JSON with a clear message and the right 4xx (never ninja's bare defaults)."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import HttpError, ValidationError

from api.search_params import SearchRejected
from directory.models import Facility


class NotFound(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class Unpublished(Exception):
    def __init__(self, facility: Facility) -> None:
        super().__init__(facility.public_id)
        self.facility = facility


def error_body(code: str, message: str, **extra: Any) -> dict[str, Any]:
    return {"error": code, "message": message, **{key: value for key, value in extra.items() if value is not None}}


def install_error_handlers(api: NinjaAPI) -> None:
    @api.exception_handler(ValidationError)
    def invalid_parameters(request: HttpRequest, exc: ValidationError) -> HttpResponse:
        fields: dict[str, list[str]] = {}
        for error in exc.errors:
            # ninja reports a location such as ("query", "params", "lat"): the last part is the parameter.
            location = [str(part) for part in error.get("loc", ()) if part not in ("query", "path", "params")]
            fields.setdefault(location[0] if location else "query", []).append(str(error.get("msg", "invalid")))
        summary = "; ".join(f"{name}: {' '.join(messages)}" for name, messages in fields.items())
        body = error_body("invalid_query", _("The query has invalid values: %(summary)s") % {"summary": summary})
        return api.create_response(request, {**body, "fields": fields}, status=400)

    @api.exception_handler(SearchRejected)
    def search_rejected(request: HttpRequest, exc: SearchRejected) -> HttpResponse:
        suggestions = [{"label": s.label, "where": s.where} for s in exc.suggestions] or None
        body = error_body(exc.code, exc.message, fields=exc.fields, suggestions=suggestions)
        return api.create_response(request, body, status=400)

    @api.exception_handler(NotFound)
    def not_found(request: HttpRequest, exc: NotFound) -> HttpResponse:
        return api.create_response(request, error_body("not_found", exc.message), status=404)

    @api.exception_handler(Http404)
    def http_404(request: HttpRequest, exc: Http404) -> HttpResponse:
        return api.create_response(
            request, error_body("not_found", _("Nothing is published at this address.")), status=404
        )

    @api.exception_handler(HttpError)
    def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        return api.create_response(request, error_body("http_error", str(exc)), status=exc.status_code)

    @api.exception_handler(Unpublished)
    def unpublished(request: HttpRequest, exc: Unpublished) -> HttpResponse:
        facility = exc.facility
        body = error_body(
            "unpublished",
            _(
                "This facility is no longer in the national directory (last listed in the %(edition)s edition). "
                "It may have closed, moved or stopped reporting: search again for programs near you."
            )
            % {"edition": facility.last_seen_edition},
            id=facility.public_id,
            name=facility.display_name,
            last_seen_edition=facility.last_seen_edition,
        )
        return api.create_response(request, body, status=410)
