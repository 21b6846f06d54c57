"""Generated requests for every operation of the OpenAPI schema: never a 5xx, always the documented shape.

Schemathesis reads our own schema and calls the Django app through WSGI (no
server). The rate limit is off here: hundreds of generated requests from one
client are the point of the test.
"""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.test import override_settings
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from api.v1 import api
from iopfinder.wsgi import application

schema = schemathesis.openapi.from_dict(api.get_openapi_schema(path_prefix="/api/v1/"))
schema.app = application
CHECKS = [
    schemathesis.checks.not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


@pytest.fixture
def connections_kept_open():
    """Calling the WSGI app directly would close the test's database connection after each request.

    Django's test client unhooks close_old_connections for the same reason;
    on PostgreSQL the closed connection would lose the test transaction.
    """
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.mark.django_db
@schema.parametrize()
@settings(max_examples=30, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
def test_every_operation_answers_generated_requests_without_a_server_error_and_as_documented(
    case, connections_kept_open
):
    with override_settings(API_RATE_LIMIT=0):
        # Identity: the WSGI transport hands back the bytes as sent, and public answers are gzipped when asked.
        response = case.call(app=application, headers={"Host": "localhost", "Accept-Encoding": "identity"})
    case.validate_response(response, checks=CHECKS)
