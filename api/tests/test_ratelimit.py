"""Per-client rate limit: a 429 with Retry-After past the limit, per address, off when set to 0."""

import pytest
from django.test import override_settings

pytestmark = pytest.mark.django_db


@override_settings(API_RATE_LIMIT=3, API_RATE_WINDOW=60)
def test_it_answers_429_with_retry_after_past_the_limit(client):
    statuses = [client.get("/api/v1/health").status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    response = client.get("/api/v1/meta")
    assert response.status_code == 429
    assert response.json()["error"] == "rate_limited"
    assert 1 <= int(response["Retry-After"]) <= 60
    assert response["Cache-Control"] == "no-store"


@override_settings(API_RATE_LIMIT=3, API_RATE_WINDOW=60)
def test_each_client_address_has_its_own_allowance(client):
    for _ in range(3):
        client.get("/api/v1/health", REMOTE_ADDR="192.0.2.1")
    assert client.get("/api/v1/health", REMOTE_ADDR="192.0.2.1").status_code == 429
    assert client.get("/api/v1/health", REMOTE_ADDR="192.0.2.2").status_code == 200


@override_settings(API_RATE_LIMIT=3, API_RATE_WINDOW=60, API_TRUSTED_PROXIES=0)
def test_a_forged_forwarded_for_header_does_not_buy_more_requests(client):
    for number in range(3):
        client.get("/api/v1/health", HTTP_X_FORWARDED_FOR=f"198.51.100.{number}")
    assert client.get("/api/v1/health", HTTP_X_FORWARDED_FOR="198.51.100.99").status_code == 429


@override_settings(API_RATE_LIMIT=0)
def test_a_limit_of_zero_turns_the_limit_off(client):
    assert all(client.get("/api/v1/health").status_code == 200 for _ in range(200))


@override_settings(API_RATE_LIMIT=3)
def test_the_site_pages_are_not_limited_by_the_api_limit(client):
    assert all(client.get("/about/credits/").status_code == 200 for _ in range(5))
