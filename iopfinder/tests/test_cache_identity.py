"""Two deployments sharing one Redis never read each other's cache: keys carry the deployment's identity."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
import redis

from iopfinder.deployment import cache_key_prefix

PROJECT = Path(__file__).resolve().parents[2]
# Redis database 14 is this work's own; CI's machine starts Redis.
REDIS_URL = os.environ.get("TEST_CACHE_REDIS_URL", "redis://127.0.0.1:6379/14")

IN_A_PROCESS = """
import sys, django
django.setup()
from django.core.cache import cache
if sys.argv[1] == "set":
    cache.set(sys.argv[2], "answer of the first site", 60)
print(cache.get(sys.argv[2]))
"""


def run(database_url: str, action: str, key: str, **extra: str) -> str:
    inherited = {name: value for name, value in os.environ.items() if name != "CACHE_KEY_PREFIX"}
    env = {**inherited, "DEBUG": "true", "REDIS_URL": REDIS_URL, "DATABASE_URL": database_url, **extra}
    done = subprocess.run(
        [sys.executable, "-c", IN_A_PROCESS, action, key],
        cwd=PROJECT,
        env={**env, "DJANGO_SETTINGS_MODULE": "iopfinder.settings"},
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return done.stdout.strip()


@pytest.fixture(scope="module")
def shared_redis():
    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2).ping()
    except redis.RedisError:
        pytest.skip(f"no Redis at {REDIS_URL}")


def test_a_second_site_on_the_same_redis_does_not_read_the_first_sites_answers(shared_redis, tmp_path):
    key = "probe-" + secrets.token_hex(4)
    first, second = f"sqlite:///{tmp_path}/first.sqlite3", f"sqlite:///{tmp_path}/second.sqlite3"
    assert run(first, "set", key) == "answer of the first site"
    assert run(second, "get", key) == "None"
    assert run(first, "get", key) == "answer of the first site"  # the first site's own processes share it


def test_an_operator_may_name_the_prefix_so_that_sites_share_a_cache_on_purpose(shared_redis, tmp_path):
    key = "probe-" + secrets.token_hex(4)
    prefix = "shared-" + secrets.token_hex(4)
    run(f"sqlite:///{tmp_path}/a.sqlite3", "set", key, CACHE_KEY_PREFIX=prefix)
    assert run(f"sqlite:///{tmp_path}/b.sqlite3", "get", key, CACHE_KEY_PREFIX=prefix) == "answer of the first site"


def test_the_prefix_follows_the_database_server_and_name():
    base = {"ENGINE": "django.db.backends.postgresql", "HOST": "db1", "PORT": 5432, "NAME": "iopfinder"}
    prefixes = {
        cache_key_prefix(base),
        cache_key_prefix({**base, "NAME": "iopfinder_staging"}),
        cache_key_prefix({**base, "HOST": "db2"}),
        cache_key_prefix({**base, "PORT": 5433}),
    }
    assert len(prefixes) == 4
    assert cache_key_prefix(dict(base)) == cache_key_prefix(base)
