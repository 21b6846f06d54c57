"""The benchmarks share the machine safely: free ports, scratch names of their own, Redis never flushed."""

import os
import socket
import subprocess
import sys

import pytest
import redis

from bench import common
from bench.__main__ import benchmark_modules

REDIS_URL = os.environ.get("TEST_BENCH_REDIS_URL", "redis://127.0.0.1:6379/14")


def test_a_free_port_can_be_listened_on():
    port = common.free_port()
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as server:
        server.bind(("127.0.0.1", port))
        server.listen()


def test_a_port_in_use_is_never_handed_out():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        busy = taken.getsockname()[1]
        assert all(common.free_port() != busy for _ in range(200))


def _run_id_of_a_new_run(**env: str) -> str:
    code = "from bench.common import scratch_name; print(scratch_name('iopfinder_bench_search_real'))"
    done = subprocess.run(
        [sys.executable, "-c", code],
        env={**{k: v for k, v in os.environ.items() if k != "BENCH_RUN_ID"}, **env},
        cwd=common.PROJECT,
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout.strip()


def test_each_run_names_its_scratch_databases_with_a_suffix_of_its_own():
    first, second = _run_id_of_a_new_run(), _run_id_of_a_new_run()
    assert first.startswith("iopfinder_bench_search_real_") and second.startswith("iopfinder_bench_search_real_")
    assert first != second


def test_a_run_id_from_the_environment_names_the_databases_so_a_later_run_can_reuse_them():
    assert _run_id_of_a_new_run(BENCH_RUN_ID="mine") == "iopfinder_bench_search_real_mine"


def test_it_refuses_to_drop_a_database_that_is_not_this_runs_scratch_database():
    with pytest.raises(ValueError, match="not a scratch database of this run"):
        common.drop_postgres_database("iop_perf")
    with pytest.raises(ValueError):
        common.drop_postgres_database(f"iopfinder_bench_search_real_{common.RUN_ID}x")


def test_the_redis_database_comes_from_the_environment_and_is_never_emptied(monkeypatch):
    client = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2)
    client.set("someone-elses-work", "kept", ex=60)
    monkeypatch.setenv("BENCH_REDIS_URL", REDIS_URL)
    assert common.bench_redis_url() == REDIS_URL
    environment = common.production_environment("sqlite:///unused.sqlite3")
    assert environment["REDIS_URL"] == REDIS_URL
    assert environment["CACHE_KEY_PREFIX"].startswith(f"bench-{common.RUN_ID}-")
    assert client.get("someone-elses-work") == b"kept"


def test_without_a_redis_url_in_the_environment_the_servers_use_no_redis(monkeypatch):
    monkeypatch.delenv("BENCH_REDIS_URL", raising=False)
    monkeypatch.delenv("REDIS_URL", raising=False)
    assert common.bench_redis_url() == ""


def test_the_runner_finds_every_benchmark_and_not_its_helpers_or_tests():
    found = benchmark_modules([])
    assert {"page_load", "api_load", "search_speed", "slow_phone", "intake_load"} <= set(found)
    assert not {"common", "tests"} & set(found)
