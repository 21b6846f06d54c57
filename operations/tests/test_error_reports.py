"""Error reports through sentry-sdk: off without a DSN, and a report of a failed coverage request names nobody.

No network: the SDK is given a transport that keeps each envelope in memory.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator

import pytest
import sentry_sdk
from django.conf import settings
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.test import RequestFactory
from django.urls import reverse
from sentry_sdk.envelope import Envelope
from sentry_sdk.transport import Transport

from operations import error_reports

pytestmark = pytest.mark.django_db

SUBMITTED = {
    "full_name": "Philomena Quargbottom",
    "date_of_birth": "1971-03-29",
    "phone": "202-555-0187",
    "email": "philomena.q@example.org",
    "contact_time": "morning",
    "state": "NM",
    "carrier": "aetna",
    "member_id": "ZQ7781234",
    "group_number": "GRP-55190",
    "message": "my son drinks every night",
    "contact_consent": "on",
    "website": "",
}
VISITOR_ADDRESS = "203.0.113.77"
COOKIE_VALUE = "cookie-value-4417"
QUERY_VALUE = "query-value-9902"
REFERER = "https://iopfinder.example/facility/program-in-albuquerque/"


def through_wsgi(method: str, path: str, data: dict | None = None, **environ: str) -> tuple[str, bytes, str]:
    """(status, body, the cookies it set as one Cookie header) of one request through the WSGI application."""
    request = getattr(RequestFactory(), method)(path, data or {}, **environ)
    answered: list[str] = []
    headers: list[tuple[str, str]] = []

    def start_response(status: str, response_headers: list[tuple[str, str]], exc_info: object = None) -> None:
        answered.append(status)
        headers.extend(response_headers)

    body = b"".join(WSGIHandler()(request.environ, start_response))  # type: ignore[arg-type]
    cookies = "; ".join(value.split(";", 1)[0] for name, value in headers if name.lower() == "set-cookie")
    return answered[0], body, cookies


class RecordingTransport(Transport):
    def __init__(self, options: dict | None = None) -> None:
        super().__init__(options)
        self.envelopes: list[Envelope] = []

    def capture_envelope(self, envelope: Envelope) -> None:
        self.envelopes.append(envelope)


@pytest.fixture
def connections_kept_open() -> Iterator[None]:
    """As Django's test client does: a request's end would close the connection that holds the test's transaction."""
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    yield
    for signal in (request_started, request_finished):
        signal.connect(close_old_connections)


@pytest.fixture
def recorded() -> Iterator[list[Envelope]]:
    assert error_reports.start_error_reports("https://public@errors.invalid/1", transport=RecordingTransport)
    client = sentry_sdk.get_client()
    yield client.transport.envelopes  # type: ignore[union-attr]
    client.close()
    sentry_sdk.get_global_scope().set_client(None)


def test_without_a_dsn_the_sdk_is_never_started(monkeypatch):
    monkeypatch.setattr(sentry_sdk, "init", lambda *args, **kwargs: pytest.fail("sentry_sdk.init was called"))
    assert settings.SENTRY_DSN == ""
    assert error_reports.start_error_reports("") is False


def test_an_error_during_a_coverage_request_is_reported_without_anything_of_the_visitor(
    recorded, monkeypatch, connections_kept_open
):
    def fail(**kwargs: object) -> None:
        raise RuntimeError("the database refused the write")

    monkeypatch.setattr("intake.views.coverage_request_create", fail)
    # Through Django's real WSGI handler, which the SDK wraps to read the URL, headers and address.
    status, body, set_cookies = through_wsgi("get", reverse("intake:new"))
    token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', body).group(1).decode()  # type: ignore[union-attr]
    cookies = f"{set_cookies}; visitor_pref={COOKIE_VALUE}"
    status, _, _ = through_wsgi(
        "post",
        f"{reverse('intake:new')}?from={QUERY_VALUE}",
        {**SUBMITTED, "csrfmiddlewaretoken": token},
        HTTP_COOKIE=cookies,
        HTTP_X_FORWARDED_FOR=VISITOR_ADDRESS,
        HTTP_REFERER=REFERER,
        REMOTE_ADDR=VISITOR_ADDRESS,
    )
    assert status.startswith("500")

    events = [event for envelope in recorded if (event := envelope.get_event())]
    assert len(events) == 1
    event = events[0]
    assert event["exception"]["values"][-1]["type"] == "RuntimeError"
    assert event["request"]["url"].endswith(reverse("intake:new"))  # which page failed is still told
    sent = b"".join(envelope.serialize() for envelope in recorded).decode()
    assert "RuntimeError" in sent
    for value in [v for k, v in SUBMITTED.items() if k not in {"contact_time", "state", "carrier", "contact_consent"}]:
        if value:
            assert value not in sent, value
    for secret in (VISITOR_ADDRESS, COOKIE_VALUE, QUERY_VALUE, REFERER, "csrftoken"):
        assert secret.lower() not in sent.lower(), secret
    assert not {"data", "cookies", "query_string", "env"} & set(event["request"])
    assert "user" not in event
    kept_headers = {name.lower() for name in event["request"]["headers"]}
    assert "content-type" in kept_headers
    assert not {"cookie", "authorization", "x-forwarded-for", "referer", "user-agent"} & kept_headers


def test_the_scrubber_removes_form_fields_wherever_an_integration_put_them():
    event = {
        "request": {"url": "https://x.example/coverage/new/?phone=1", "headers": {"Authorization": "Bearer t"}},
        "extra": {"form": {"member_id": "ZQ7781234", "page": 2}},
        "user": {"ip_address": VISITOR_ADDRESS},
    }
    cleaned = error_reports.scrubbed_event(event)
    assert "ZQ7781234" not in json.dumps(cleaned) and VISITOR_ADDRESS not in json.dumps(cleaned)
    assert cleaned["extra"]["form"] == {"page": 2}
    assert cleaned["request"] == {"url": "https://x.example/coverage/new/", "headers": {}}
