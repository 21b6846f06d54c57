"""Optional error reports through sentry-sdk: off unless SENTRY_DSN is set, and never with personal data.

A person who asks about coverage typed their name, birth date, phone and
insurance into the form; a report of an error during that request must carry
the code's traceback and nothing of theirs. The SDK is told to send no
personal data and no request bodies or local variables, and every event passes
through `scrubbed_event` before it leaves, which removes what the SDK would
still attach: cookies, the query string, identifying headers, the client's
address, and any value stored under one of the coverage form's field names.
"""

from __future__ import annotations

from typing import Any

import sentry_sdk
from sentry_sdk.integrations.django import DjangoIntegration

# Kept from a request's headers; everything else (Cookie, Authorization, X-Forwarded-For, Referer,
# X-Real-IP, Forwarded, User-Agent, ...) is dropped, since an unknown header may name the visitor.
SAFE_HEADERS = {"host", "accept", "accept-language", "content-type", "content-length", "x-request-id"}
# What is kept of the request: which page failed and how, never what was sent to it.
SAFE_REQUEST_KEYS = {"method", "url", "headers"}


def _coverage_form_fields() -> frozenset[str]:
    from intake.forms import CoverageRequestForm

    return frozenset(CoverageRequestForm.base_fields)


def _without_form_fields(value: Any, fields: frozenset[str]) -> Any:
    if isinstance(value, dict):
        return {key: _without_form_fields(item, fields) for key, item in value.items() if key not in fields}
    if isinstance(value, list):
        return [_without_form_fields(item, fields) for item in value]
    return value


def scrubbed_event(event: dict[str, Any], hint: dict[str, Any] | None = None) -> dict[str, Any]:
    """The SDK's before_send: the event without anything that could name or describe the visitor."""
    request = event.get("request")
    if isinstance(request, dict):
        kept = {key: value for key, value in request.items() if key in SAFE_REQUEST_KEYS}
        if isinstance(kept.get("url"), str):
            kept["url"] = kept["url"].split("?", 1)[0]
        headers = kept.get("headers")
        if isinstance(headers, dict):
            kept["headers"] = {name: value for name, value in headers.items() if name.lower() in SAFE_HEADERS}
        event["request"] = kept
    event.pop("user", None)
    for exception in (event.get("exception") or {}).get("values") or []:
        for frame in (exception.get("stacktrace") or {}).get("frames") or []:
            frame.pop("vars", None)
    # Breadcrumbs are log lines and SQL; the logs hold no personal data, but SQL may carry parameters.
    breadcrumbs = event.get("breadcrumbs")
    if isinstance(breadcrumbs, dict):
        breadcrumbs["values"] = [
            {key: value for key, value in crumb.items() if key != "data"} for crumb in breadcrumbs.get("values") or []
        ]
    # Where integrations and our own code attach data; a key named like a form field ("phone", "message") there
    # goes, whatever it holds. The log message and the exception's own text are left for the operator.
    fields = _coverage_form_fields()
    for place in ("request", "extra", "tags", "contexts"):
        if place in event:
            event[place] = _without_form_fields(event[place], fields)
    return event


def start_error_reports(dsn: str, **options: Any) -> bool:
    """Send errors to the Sentry project at `dsn`; with no DSN do nothing at all (the default)."""
    if not dsn:
        return False
    sentry_sdk.init(
        dsn=dsn,
        integrations=[DjangoIntegration()],
        send_default_pii=False,
        include_local_variables=False,
        max_request_body_size="never",
        before_send=scrubbed_event,  # type: ignore[arg-type]
        # Errors only: no performance traces, no session tracking (whose envelopes carry the client's address).
        traces_sample_rate=None,
        auto_session_tracking=False,
        **options,
    )
    return True
