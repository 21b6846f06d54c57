"""Forms and pages as a browser meets them, through nginx or straight at one app server."""

from __future__ import annotations

import re

import requests

from operations.tests.stack import AppServer, Stack, loopback_client


def csrf_token(page: requests.Response) -> str:
    found = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)
    assert found, f"no CSRF token on {page.url}"
    return found.group(1)


def post_form(session: requests.Session, origin: str, path: str, data: dict[str, str]) -> requests.Response:
    """GET the form, then POST it as a browser would (HTTPS needs a same-origin Referer for CSRF)."""
    page = session.get(origin + path)
    headers = {"Referer": origin + path}
    data = {**data, "csrfmiddlewaretoken": csrf_token(page)}
    return session.post(origin + path, data, headers=headers, allow_redirects=False)


def post_to_app_server(
    stack: Stack, server: AppServer, path: str, data: dict[str, str], *, visitor: str
) -> requests.Response:
    """POST a form to one app server directly, with the headers nginx adds.

    Its cookies are HTTPS-only, so they are sent by hand.
    """
    proxy_headers = {"Host": f"localhost:{stack.https_port}", "X-Forwarded-Proto": "https", "X-Forwarded-For": visitor}
    page = loopback_client().get(server.url + path, headers=proxy_headers, timeout=10)
    assert page.status_code == 200, page.status_code
    return loopback_client().post(
        server.url + path,
        {**data, "csrfmiddlewaretoken": csrf_token(page)},
        headers={**proxy_headers, "Referer": stack.origin + path, "Cookie": f"csrftoken={page.cookies['csrftoken']}"},
        allow_redirects=False,
        timeout=30,
    )


def results_count(page_html: str) -> int:
    """The number of programs a results page says it found."""
    found = re.search(r'<h2 class="results-count">\s*([\d,]+) program', page_html)
    assert found, "no results count on the page"
    return int(found.group(1).replace(",", ""))
