"""The site as an operator runs it: nginx with TLS in front of two gunicorn app servers on one database and one Redis.

One stack serves every test of the session (conftest.py, stack.py). Tests through nginx
use HTTPS with the stack's own certificate; tests of one app server talk to it
directly, sending the headers nginx would send.
"""

from __future__ import annotations

import html
import json
import re
import time
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse

from conftest import DIRECTORY_2023
from directory.models import Facility
from operations.tests.browsing import post_form, post_to_app_server, results_count
from operations.tests.conftest import STAFF_PASSWORD, current_code
from operations.tests.stack import loopback_client, manage

# Every test is a database test, so that pytest-django keeps them together and the module starts one stack.
pytestmark = pytest.mark.django_db

SEARCH = "/search/?where=77002&radius=25"
VISITOR_ADDRESS = "203.0.113.77"  # a documentation address, only ever written into a header
PERSON = {
    "full_name": "Rosalind Sentinelperson",
    "date_of_birth": "1971-03-09",
    "phone": "(212) 555-0187",
    "email": "rosalind.sentinel@example.org",
    "contact_time": "morning",
    "state": "NY",
    "carrier": "aetna",
    "member_id": "QZX987654321",
    "group_number": "GRP-55501",
    "message": "Sentinel message about my brother",
    "contact_consent": "on",
    "website": "",
}


# ---------------------------------------------------------------- the TLS front
def test_plain_http_is_sent_to_https(stack):
    response = loopback_client().get(
        f"http://127.0.0.1:{stack.http_port}/search/?where=10001", allow_redirects=False, timeout=10
    )
    assert response.status_code == 301
    assert response.headers["Location"].startswith("https://")


def test_pages_come_over_https_with_hsts_csp_and_permissions_policy(stack):
    response = stack.client().get(stack.origin + "/")
    assert response.status_code == 200
    # HSTS comes from Django, which sends it only when it believes the request was HTTPS (X-Forwarded-Proto).
    assert "max-age=31536000" in response.headers["Strict-Transport-Security"]
    csp = response.headers["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "frame-ancestors 'none'" in csp and "unsafe-inline" not in csp
    assert "camera=()" in response.headers["Permissions-Policy"]
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert re.fullmatch(r"[0-9a-f]{32}", response.headers["X-Request-ID"]), "nginx's request ID reaches the app"
    session_cookie_flags = [cookie for cookie in response.cookies if not cookie.secure]
    assert not session_cookie_flags, "every cookie set over HTTPS is Secure"


def test_nginx_serves_the_static_files_itself(stack):
    response = stack.client().get(stack.origin + "/static/css/site.css")
    assert response.status_code == 200
    assert response.text == (Path(stack.env["STATIC_ROOT"]) / "css" / "site.css").read_text()
    assert "X-Request-ID" not in response.headers, "the app server never saw this request"
    assert response.headers["Server"].startswith("nginx")


def test_nginx_serves_content_named_static_files_cached_for_a_year(stack):
    page = stack.client().get(stack.origin + SEARCH).text
    script = re.search(r'src="(/static/js/search\.([0-9a-f]{12})\.js)"', page)
    assert script, "pages link the content-named file"
    response = stack.client().get(stack.origin + script.group(1))
    assert response.status_code == 200
    assert response.headers["Server"].startswith("nginx")
    assert "max-age=31536000" in response.headers["Cache-Control"] and "immutable" in response.headers["Cache-Control"]
    assert response.text == (Path(stack.env["STATIC_ROOT"]) / "js" / "search.js").read_text()


def test_a_search_through_the_stack_finds_what_the_app_finds_in_process(stack):
    response = stack.client().get(stack.origin + SEARCH)
    assert response.status_code == 200
    in_process = Client().get(SEARCH)
    assert results_count(response.text) == results_count(in_process.content.decode()) > 0


def test_a_facility_page_shows_the_facility_and_its_own_phone(stack):
    candidates = Facility.objects.filter(published=True).exclude(phone="").order_by("pk")[:50]
    facility = next(f for f in candidates if len(re.sub(r"\D", "", f.phone)) == 10)
    digits = re.sub(r"\D", "", facility.phone)
    response = stack.client().get(stack.origin + reverse("directory:facility", args=[facility.public_id]))
    assert response.status_code == 200
    assert html.escape(facility.name) in response.text
    assert f'href="tel:+1-{digits[:3]}-{digits[3:6]}-{digits[6:]}"' in response.text


def test_a_body_larger_than_any_form_is_refused_by_nginx(stack):
    response = stack.client().post(stack.origin + "/coverage/new/", data=b"x" * 300_000)
    assert response.status_code == 413


def test_a_coverage_request_is_accepted_over_https_and_nothing_personal_reaches_the_logs(stack):
    facility = Facility.objects.filter(published=True).order_by("pk").first()
    assert facility is not None
    session = stack.client()
    session.headers["X-Forwarded-For"] = VISITOR_ADDRESS
    session.get(stack.origin + reverse("directory:facility", args=[facility.public_id]))
    session.get(stack.origin + "/search/?where=10001&radius=10")
    path = f"/coverage/new/?facility={facility.public_id}"
    response = post_form(session, stack.origin, path, {**PERSON, "facility": facility.public_id})
    assert response.status_code == 302, response.text[:500]
    assert session.get(stack.origin + response.headers["Location"]).status_code == 200

    time.sleep(0.5)  # let the app servers flush their last lines
    logs = stack.all_logs()
    assert "/coverage/new/" in logs and '"status": 302' in logs, (
        "the journey is in the logs (else this test proves nothing)"
    )
    personal = [PERSON[field] for field in ("full_name", "email", "member_id", "group_number", "message")]
    personal += ["555-0187", "5550187", "1971-03-09", VISITOR_ADDRESS, "where=10001", f"facility={facility.public_id}"]
    assert [value for value in personal if value in logs] == []
    app_log = (stack.logs / f"app-{stack.app_servers[0].port}.log").read_text()
    request_lines = [json.loads(line) for line in app_log.splitlines() if line.startswith("{")]
    assert request_lines and all(re.fullmatch(r"[0-9a-f]{32}", line["request_id"]) for line in request_lines)


def test_a_staff_member_signs_in_over_https_with_password_and_code(stack):
    session = stack.client()
    form = {"username": "stack.reviewer", "password": STAFF_PASSWORD, "otp_token": current_code()}
    response = post_form(session, stack.origin, "/staff/login/", form)
    assert response.status_code == 302, response.text[:500]
    requests_page = session.get(stack.origin + "/staff/requests/", allow_redirects=False)
    assert requests_page.status_code == 200
    assert "no-store" in requests_page.headers["Cache-Control"]


# ---------------------------------------------------------------- health
def test_every_app_server_is_live_and_ready_with_each_check_named(stack):
    for server in stack.app_servers:
        # Plain HTTP on the private address, as a load balancer probes: not redirected.
        assert (
            loopback_client().get(server.url + "/health/live/", headers={"Host": "localhost"}, timeout=10).status_code
            == 200
        )
        ready = loopback_client().get(server.url + "/health/ready/", headers={"Host": "localhost"}, timeout=10)
        assert ready.status_code == 200
        assert ready.json() == {
            "status": "ok",
            "checks": {"database": "ok", "cache": "ok", "migrations": "ok", "directory": "ok"},
        }


# ---------------------------------------------------------------- two app servers
def test_the_per_phone_limit_holds_across_both_app_servers(stack):
    first, second = stack.app_servers
    person = {**PERSON, "phone": "(415) 555-0142", "email": ""}
    statuses = [
        post_to_app_server(stack, server, "/coverage/new/", person, visitor=f"198.51.100.{number}").status_code
        for number, server in enumerate([first, second, first, second], start=1)
    ]
    assert statuses == [302, 302, 302, 429]


def test_a_lockout_on_one_app_server_holds_on_the_other(stack):
    first, second = stack.app_servers
    wrong = {"username": "stack.locked", "password": "not the password", "otp_token": "000000"}
    statuses = [
        post_to_app_server(stack, server, "/staff/login/", wrong, visitor="198.51.100.50").status_code
        for server in [first, second, first, second, first]
    ]
    assert statuses == [400, 400, 400, 400, 429]  # the fifth failure, wherever it lands, locks the account
    right = {**wrong, "password": STAFF_PASSWORD, "otp_token": current_code()}
    refused = post_to_app_server(stack, second, "/staff/login/", right, visitor="198.51.100.50")
    assert refused.status_code == 429
    assert "sessionid" not in refused.cookies


def test_an_import_run_on_one_machine_is_served_by_both_app_servers_at_once(stack):
    facility = Facility.objects.filter(published=True).order_by("-pk").first()
    assert facility is not None
    search = f"/search/?where={facility.zip_code}&radius=10"
    proxy_headers = {"Host": "localhost", "X-Forwarded-Proto": "https"}

    def counts() -> list[int]:
        pages = [
            loopback_client().get(server.url + search, headers=proxy_headers, timeout=30)
            for server in stack.app_servers
        ]
        return [results_count(page.text) for page in pages]

    # Taken off by hand in the database: the search pages of both servers, cached in Redis for this import, lack it.
    unpublish = (
        f"from directory.models import Facility; Facility.objects.filter(pk={facility.pk}).update(published=False)"
    )
    manage(stack.env, "shell", "-c", unpublish)
    without = counts()
    assert without[0] == without[1]
    # The yearly import of the same edition publishes it again; neither server may answer from before it.
    manage(stack.env, "import_directory", str(DIRECTORY_2023))
    assert counts() == [without[0] + 1, without[0] + 1]


def test_a_forged_forwarded_for_header_does_not_escape_the_per_address_limit(stack):
    # Runs last of the HTTPS form posts: it spends this client's whole allowance.
    session = stack.client()
    statuses = []
    for number in range(6):
        session.headers["X-Forwarded-For"] = f"192.0.2.{number}"
        person = {**PERSON, "phone": f"(646) 555-01{number:02d}"}
        statuses.append(post_form(session, stack.origin, "/coverage/new/", person).status_code)
    assert statuses[-1] == 429
    assert statuses.count(302) <= 5
