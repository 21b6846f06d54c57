"""Requests per second of GET /api/v1/facilities under load, beside a trivial JSON endpoint.

gunicorn with 2 sync workers on loopback, production settings (DEBUG=false, a
generated SECRET_KEY, the rate limit off), the real 2023 directory in a scratch
database; wrk (Debian's package) drives each URL for 15 s. The search is a
typical IOP search: 25 miles around a dense ZIP code, IOP and one payment
filter, with facet counts. Target: at least half the trivial endpoint's rate.
It runs twice: as served (a finished answer is reused for the same URL until
the next import, which is what a repeated query meets) and with that response
cache off, so every request runs the search.

    python -m bench.api_load        # SQLite, and PostgreSQL when reachable
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
import urllib.request

from bench.common import PROJECT, database_urls, production_environment

PORT = int(os.environ.get("BENCH_API_PORT", "8301"))
DURATION = os.environ.get("BENCH_API_DURATION", "15s")
CONNECTIONS = 16
SEARCH = "/api/v1/facilities?where=10001&radius=25&care=iop&pay=medicaid"
TRIVIAL = "/api/v1/health"
TARGET_RATIO = 0.5


def main() -> int:
    if shutil.which("wrk") is None:
        print("wrk is not installed: apt-get install -y wrk")
        return 1
    failed = 0
    for backend, url in database_urls("api_load").items():
        prepare_database(url)
        # As served (answers reused until the next import), then with every request searched afresh.
        for label, cache_seconds in (("response cache on", "300"), ("response cache off", "0")):
            with GunicornServer(url, cache_seconds):
                search = wrk(SEARCH)
                trivial = wrk(TRIVIAL)
            ratio = search / trivial if trivial else 0.0
            verdict = "meets" if ratio >= TARGET_RATIO else "MISSES"
            print(
                f"{backend:10} {label:18} facilities search {search:8.0f} req/s   health {trivial:8.0f} req/s   "
                f"ratio {ratio:.2f} ({verdict} the target of {TARGET_RATIO})",
                flush=True,
            )
            failed += cache_seconds != "0" and ratio < TARGET_RATIO
    return 1 if failed else 0


def api_environment(database_url: str, cache_seconds: str) -> dict[str, str]:
    return production_environment(database_url, API_RATE_LIMIT="0", API_RESPONSE_CACHE_SECONDS=cache_seconds)


def prepare_database(database_url: str) -> None:
    """Migrate and import the 2023 directory in a child process (settings are per process)."""
    code = "from bench.common import setup_django, ensure_real_directory; import os; " \
        "setup_django(os.environ['DATABASE_URL']); print(ensure_real_directory(), 'facilities')"  # fmt: skip
    env = {**os.environ, "DEBUG": "true", "DATABASE_URL": database_url}
    subprocess.run([sys.executable, "-c", code], cwd=PROJECT, env=env, check=True)


class GunicornServer:
    """gunicorn serving the app with production settings for as long as the `with` block runs."""

    def __init__(self, database_url: str, cache_seconds: str) -> None:
        self.env = api_environment(database_url, cache_seconds)

    def __enter__(self) -> GunicornServer:
        binary = str(PROJECT / ".venv" / "bin" / "gunicorn")
        command = [binary, "iopfinder.wsgi", "-w", "2", "-b", f"127.0.0.1:{PORT}", "--log-level", "warning"]
        self.process = subprocess.Popen(command, cwd=PROJECT, env=self.env)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{PORT}{SEARCH}", timeout=5) as response:
                    if response.status == 200:
                        return self
            except OSError:
                time.sleep(0.2)
        self.process.terminate()
        raise RuntimeError("gunicorn did not answer within 30 s")

    def __exit__(self, *exc: object) -> None:
        self.process.terminate()
        self.process.wait(timeout=30)


def wrk(path: str) -> float:
    """Requests per second over DURATION; refuses a run that had errors or non-2xx answers."""
    output = subprocess.run(
        ["wrk", "-t", "2", "-c", str(CONNECTIONS), "-d", DURATION, f"http://127.0.0.1:{PORT}{path}"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    if "Non-2xx" in output or "Socket errors" in output:
        raise RuntimeError(f"wrk saw failed requests for {path}:\n{output}")
    match = re.search(r"Requests/sec:\s+([\d.]+)", output)
    if match is None:
        raise RuntimeError(f"no rate in wrk's output:\n{output}")
    return float(match.group(1))


if __name__ == "__main__":
    sys.exit(main())
