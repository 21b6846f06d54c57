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


@override_settings(API_RATE_LIMIT=3, API_RATE_WINDOW=60, TRUSTED_PROXIES=0)
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


COUNT_IN_A_PROCESS = """
import sys
import django
django.setup()
from django.test import RequestFactory
from api.ratelimit import check_rate
request = RequestFactory().get("/api/v1/health", REMOTE_ADDR=sys.argv[1])
print(sum(check_rate(request).allowed for _ in range(6)))
"""


def test_with_redis_every_worker_process_shares_one_allowance():
    """What gunicorn's workers do: separate processes, one client, one limit between them."""
    import os
    import secrets
    import subprocess
    import sys

    import redis

    url = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/0")
    try:
        redis.Redis.from_url(url, socket_connect_timeout=2).ping()
    except redis.RedisError:
        pytest.skip(f"no Redis at {url}")
    env = {**os.environ, "REDIS_URL": url, "API_RATE_LIMIT": "8", "API_RATE_WINDOW": "3600", "DEBUG": "true"}
    client = f"198.51.100.{secrets.randbelow(250) + 1}:{secrets.token_hex(4)}"  # a fresh client every run
    allowed = [
        int(subprocess.run([sys.executable, "-c", COUNT_IN_A_PROCESS, client], env=env, capture_output=True,
                           text=True, check=True).stdout)
        for _ in range(2)
    ]  # fmt: skip
    assert allowed == [6, 2]
