"""Request IDs and the JSON log line of each request."""

import json
import logging

import pytest

from operations.request_log import JsonFormatter, RequestIdFilter, _request_id

pytestmark = pytest.mark.django_db


def test_a_request_id_from_nginx_is_kept_and_returned(client):
    given = "0123456789abcdef0123456789abcdef"
    response = client.get("/health/live/", headers={"X-Request-ID": given})
    assert response["X-Request-ID"] == given


@pytest.mark.parametrize("hostile", ["", "x", 'abc"}\n{"level": "CRITICAL', "a" * 200, "../../etc/passwd"])
def test_a_request_id_that_is_not_a_plain_token_is_replaced(client, hostile):
    response = client.get("/health/live/", headers={"X-Request-ID": hostile})
    assert response["X-Request-ID"] != hostile
    assert len(response["X-Request-ID"]) == 32 and response["X-Request-ID"].isalnum()


def test_each_request_is_one_json_line_with_its_id_path_and_status_but_not_its_query(client, caplog):
    caplog.set_level(logging.INFO, logger="iopfinder.requests")
    response = client.get("/search/", {"where": "10001", "radius": "25"}, headers={"X-Request-ID": "f" * 32})
    assert response.status_code == 200
    [record] = [record for record in caplog.records if record.name == "iopfinder.requests"]
    line = json.loads(JsonFormatter().format(record))
    assert line["request_id"] == "f" * 32 and line["path"] == "/search/" and line["status"] == 200
    assert "10001" not in json.dumps(line)


def test_a_line_logged_outside_any_request_says_so_with_a_dash():
    record = logging.LogRecord("intake.services", logging.INFO, __file__, 1, "purged %s", (3,), None)
    RequestIdFilter().filter(record)
    line = json.loads(JsonFormatter().format(record))
    assert line["request_id"] == _request_id.get() == "-"
    assert line["message"] == "purged 3" and line["level"] == "INFO"
