"""Load benchmark for coverage requests: 1,000 submissions from 50 concurrent clients against gunicorn.

Runs against SQLite and, when it answers at 127.0.0.1:5432, PostgreSQL. For
each it checks that every accepted submission is stored exactly once, none is
lost, no response is a 5xx and the server never logged "database is locked";
then prints throughput and latency percentiles.

    python -m bench.intake_load            # both databases
    INTAKE_BENCH_DATABASES=sqlite python -m bench.intake_load
"""

import http.client
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from bench.common import (
    PROJECT,
    drop_postgres_database,
    free_port,
    fresh_postgres_database,
    percentile,
    production_environment,
    scratch_name,
)
from bench.load import GunicornServer

SUBMISSIONS = int(os.environ.get("INTAKE_BENCH_SUBMISSIONS", "1000"))
CLIENTS = int(os.environ.get("INTAKE_BENCH_CLIENTS", "50"))
SCRATCH_POSTGRES = "iopfinder_bench_intake"


@dataclass
class Outcome:
    statuses: list[int] = field(default_factory=list)
    latencies: list[float] = field(default_factory=list)
    accepted_names: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def server_environment(database_url: str, var_dir: Path) -> dict[str, str]:
    return production_environment(
        database_url,
        IOPFINDER_VAR_DIR=str(var_dir),
        # The benchmark is one client address; abuse limits are tested elsewhere.
        COVERAGE_RATE_LIMIT_PER_IP="1000000",
        COVERAGE_RATE_LIMIT_PER_PHONE="1000000",
    )


def submit_one(port: int, number: int) -> tuple[int, float, str]:
    """Fetch the form (for the CSRF cookie), then post one request. Returns status, post latency, name."""
    name = f"Bench Person {number:05d}"
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    connection.request("GET", "/coverage/new/")
    form_page = connection.getresponse()
    form_page.read()
    cookie = form_page.getheader("Set-Cookie") or ""
    token = re.search(r"csrftoken=([^;]+)", cookie)
    connection.close()
    if not token:
        return form_page.status, 0.0, name
    body = urllib.parse.urlencode(
        {
            "csrfmiddlewaretoken": token.group(1),
            "full_name": name,
            "date_of_birth": "1980-01-01",
            "email": f"bench{number}@example.com",
            "phone": "",
            "contact_time": "any",
            "state": "NY",
            "carrier": "aetna",
            "member_id": f"BENCH{number:05d}",
            "contact_consent": "on",
        }
    )
    headers = {"Content-Type": "application/x-www-form-urlencoded", "Cookie": f"csrftoken={token.group(1)}"}
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    started = time.perf_counter()
    connection.request("POST", "/coverage/new/", body=body, headers=headers)
    response = connection.getresponse()
    response.read()
    latency = time.perf_counter() - started
    connection.close()
    return response.status, latency, name


def stored_names(environment: dict[str, str]) -> list[str]:
    script = (
        "import django, json; django.setup(); from intake.models import CoverageRequest; "
        "print(json.dumps(list(CoverageRequest.objects.values_list('full_name', flat=True))))"
    )
    command = [sys.executable, "-c", script]
    done = subprocess.run(command, cwd=PROJECT, env=environment, capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def run_against(backend: str, database_url: str, var_dir: Path) -> bool:
    environment = server_environment(database_url, var_dir)
    migrate = [sys.executable, "manage.py", "migrate", "--noinput", "-v", "0"]
    subprocess.run(migrate, cwd=PROJECT, env=environment, check=True)
    port = free_port()
    log_path = var_dir / "gunicorn.log"
    with (
        log_path.open("w") as log,
        GunicornServer(environment, port, "/helpline/", log=log, options=("--timeout", "120", "--backlog", "2048")),
    ):
        floor = _get_latencies(port, 200)
        outcome = Outcome()
        started = time.perf_counter()
        with ThreadPoolExecutor(max_workers=CLIENTS) as pool:
            for status, latency, name in pool.map(lambda n: submit_one(port, n), range(SUBMISSIONS)):
                outcome.statuses.append(status)
                outcome.latencies.append(latency)
                if status == 302:
                    outcome.accepted_names.append(name)
        elapsed = time.perf_counter() - started
    return report(backend, outcome, stored_names(environment), elapsed, log_path.read_text(), floor)


def _get_latencies(port: int, count: int) -> list[float]:
    """The floor: a plain page (/helpline/) asked one at a time from the same server, before the load."""
    latencies = []
    for _ in range(count):
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        started = time.perf_counter()
        connection.request("GET", "/helpline/")
        connection.getresponse().read()
        latencies.append(time.perf_counter() - started)
        connection.close()
    return latencies


def report(
    backend: str, outcome: Outcome, names: list[str], elapsed: float, server_log: str, floor: list[float]
) -> bool:
    stored_counts: dict[str, int] = {}
    for name in names:
        stored_counts[name] = stored_counts.get(name, 0) + 1
    accepted = outcome.accepted_names
    lost = [name for name in accepted if stored_counts.get(name, 0) == 0]
    duplicated = [name for name in accepted if stored_counts.get(name, 0) > 1]
    unexpected = [name for name in stored_counts if name not in set(accepted)]
    server_errors = sum(1 for status in outcome.statuses if status >= 500)
    other = sum(1 for status in outcome.statuses if status not in (302,) and status < 500)
    locked = server_log.count("database is locked")
    latencies = sorted(outcome.latencies)
    p95 = percentile(latencies, 0.95)
    ok = len(accepted) == SUBMISSIONS and not lost and not duplicated and not unexpected
    ok = ok and server_errors == 0 and locked == 0
    print(
        f"{backend:>10}: {SUBMISSIONS} submissions, {CLIENTS} clients, gunicorn 2 workers: "
        f"accepted {len(accepted)}, stored {len(names)}, lost {len(lost)}, duplicated {len(duplicated)}, "
        f"stored without acceptance {len(unexpected)}, 5xx {server_errors}, other {other}, "
        f'"database is locked" {locked}'
    )
    p50 = statistics.median(latencies)
    verdict = "OK" if ok else "FAILED"
    print(
        f"{'':>10}  {SUBMISSIONS / elapsed:.0f} submissions/s, POST latency p50 {p50 * 1000:.0f} ms, "
        f"p95 {p95 * 1000:.0f} ms, max {latencies[-1] * 1000:.0f} ms, wall {elapsed:.1f} s -> {verdict}"
    )
    floor_p50 = statistics.median(floor)
    print(
        f"{'':>10}  floor: GET /helpline/ one at a time p50 {floor_p50 * 1000:.1f} ms;"
        f" POST p50 under load = {p50 / floor_p50:.0f}x floor"
    )
    return ok


def main() -> int:
    wanted = os.environ.get("INTAKE_BENCH_DATABASES", "sqlite,postgresql").split(",")
    results = []
    for backend in wanted:
        var_dir = Path(tempfile.mkdtemp(prefix=f"intake-bench-{backend}-"))
        try:
            if backend == "sqlite":
                results.append(run_against(backend, f"sqlite:///{var_dir / 'bench.sqlite3'}", var_dir))
            elif backend == "postgresql":
                url = fresh_postgres_database(SCRATCH_POSTGRES)
                if url:
                    try:
                        results.append(run_against(backend, url, var_dir))
                    finally:
                        drop_postgres_database(scratch_name(SCRATCH_POSTGRES))
                else:
                    print("postgresql: not reachable, skipped")
        finally:
            shutil.rmtree(var_dir, ignore_errors=True)
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main())
