"""Public pages travel gzipped; a signed-in person's pages and private answers never do (BREACH)."""

import gzip
import re

import pytest
from django.contrib.auth import get_user_model

pytestmark = pytest.mark.django_db
SEARCH = "/search/?where=77002&pay=medicaid"


def test_a_results_page_is_sent_gzipped_to_a_browser_that_accepts_it(client):
    plain = client.get(SEARCH)
    packed = client.get(SEARCH, HTTP_ACCEPT_ENCODING="gzip, deflate, br")
    assert "Content-Encoding" not in plain.headers
    assert packed.headers["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in packed.headers["Vary"]
    body = gzip.decompress(packed.content).decode()
    assert len(packed.content) < len(body) / 4
    assert _without_tokens(body) == _without_tokens(plain.content.decode())


def test_the_language_forms_csrf_token_differs_in_every_compressed_response(client):
    """What makes compressing a page with a CSRF token safe: no two responses carry the same token bytes."""
    tokens = set()
    for _ in range(3):
        body = gzip.decompress(client.get(SEARCH, HTTP_ACCEPT_ENCODING="gzip").content).decode()
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', body)
        assert token
        tokens.add(token.group(1))
    assert len(tokens) == 3


def test_a_signed_in_persons_pages_are_never_compressed(client):
    user = get_user_model().objects.create_user("reviewer", password="a long enough password 1")
    client.force_login(user)
    response = client.get(SEARCH, HTTP_ACCEPT_ENCODING="gzip")
    assert response.status_code == 200
    assert "Content-Encoding" not in response.headers


def test_a_private_answer_is_never_compressed(client):
    response = client.get("/coverage/new/", HTTP_ACCEPT_ENCODING="gzip")
    assert response.status_code == 200
    assert "no-store" in response.headers["Cache-Control"]
    assert "Content-Encoding" not in response.headers


def test_a_form_post_answer_is_never_compressed(client):
    response = client.post("/coverage/new/", {"full_name": "A"}, HTTP_ACCEPT_ENCODING="gzip")
    assert response.status_code in (200, 400)
    assert "Content-Encoding" not in response.headers


def _without_tokens(body: str) -> str:
    """The page less what differs in every response (CSRF token, CSP nonce)."""
    body = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", body)
    return re.sub(r'nonce="[^"]+"', "", body)
