"""Requests per second of GET /api/v1/facilities under load, beside a trivial JSON endpoint.

gunicorn with 2 sync workers on loopback, production settings (DEBUG=false, a
generated SECRET_KEY, the rate limit off), the real 2023 directory in a scratch
database; wrk (Debian's package) drives each for 15 s. The searches are the mix
of bench/load.py: 100 different typical IOP searches (25 miles, IOP and one
payment filter, with facet counts) asked for in turn. Target: at least half the
trivial endpoint's rate. It runs twice: as served (a finished answer is reused
for the same URL until the next import) and with that response cache off, so
every request runs the search.

    python -m bench.api_load        # SQLite, and PostgreSQL when reachable
"""

from __future__ import annotations

import os
import shutil
import sys

from bench.common import database_urls, production_environment
from bench.load import REAL_DIRECTORY, GunicornServer, prepare_database, requests_per_second, search_mix

PORT = int(os.environ.get("BENCH_API_PORT", "8301"))
SECONDS = int(os.environ.get("BENCH_SECONDS", "15"))
SEARCHES = search_mix("/api/v1/facilities?")
TRIVIAL = "/api/v1/health"
TARGET_RATIO = 0.5


def main() -> int:
    if shutil.which("wrk") is None:
        print("wrk is not installed: apt-get install -y wrk")
        return 1
    failed = 0
    for backend, url in database_urls(REAL_DIRECTORY).items():
        prepare_database(url)
        # As served (answers reused until the next import), then with every request searched afresh.
        for label, cache_seconds in (("response cache on", "300"), ("response cache off", "0")):
            with GunicornServer(api_environment(url, cache_seconds), PORT, TRIVIAL):
                search = requests_per_second(PORT, SEARCHES, SECONDS)
                trivial = requests_per_second(PORT, [TRIVIAL], SECONDS)
            ratio = search / trivial if trivial else 0.0
            verdict = "meets" if ratio >= TARGET_RATIO else "MISSES"
            print(
                f"{backend:10} {label:18} {len(SEARCHES)} searches {search:8.0f} req/s   health {trivial:8.0f} req/s   "
                f"ratio {ratio:.2f} ({verdict} the target of {TARGET_RATIO})",
                flush=True,
            )
            failed += cache_seconds != "0" and ratio < TARGET_RATIO
    return 1 if failed else 0


def api_environment(database_url: str, cache_seconds: str) -> dict[str, str]:
    return production_environment(database_url, API_RATE_LIMIT="0", API_RESPONSE_CACHE_SECONDS=cache_seconds)


if __name__ == "__main__":
    sys.exit(main())
