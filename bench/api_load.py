"""Requests per second of GET /api/v1/facilities under load, beside the trivial /api/v1/health (its floor).

gunicorn with 2 sync workers on loopback, production settings (DEBUG=false, a
generated SECRET_KEY, the rate limit off), the real 2023 directory in a scratch
database; wrk (Debian's package) drives each for 15 s. The searches are the mix
of bench/load.py: 1,000 distinct real searches asked for in turn. It runs twice:
with the response cache off, so every request runs the search (what a long
tail of searches meets), and as served (a finished answer reused for the same
URL until the next import). Target: uncached, at least half the trivial
endpoint's rate measured by the same server.

    python -m bench.api_load        # SQLite, and PostgreSQL when reachable
"""

from __future__ import annotations

import os
import shutil
import sys

from bench.common import database_urls, free_port, production_environment
from bench.load import REAL_DIRECTORY, GunicornServer, compare, prepare_database, search_mix

SECONDS = int(os.environ.get("BENCH_SECONDS", "15"))
TRIVIAL = "/api/v1/health"
TARGET_RATIO = 0.5


def main() -> int:
    if shutil.which("wrk") is None:
        print("wrk is not installed: apt-get install -y wrk")
        return 1
    failed = 0
    for backend, url in database_urls(REAL_DIRECTORY).items():
        prepare_database(url)
        searches = search_mix("/api/v1/facilities?", url)
        for label, cache_seconds in (("response cache off", "0"), ("response cache on", "300")):
            port = free_port()
            with GunicornServer(api_environment(url, cache_seconds), port, TRIVIAL) as server:
                compared = compare(server, [TRIVIAL], searches, SECONDS)
            trivial, search, ratio = compared.floor, compared.target, compared.ratio
            verdict = "meets" if ratio >= TARGET_RATIO else "MISSES"
            print(
                f"{backend:10} {label:18} {len(searches)} searches"
                f" {search.rate:6.0f} req/s ({search.cpu_ms:4.1f} ms CPU)"
                f"   health {trivial.rate:6.0f} req/s ({trivial.cpu_ms:4.1f} ms CPU)   ratio {ratio:.2f}"
                f" (by server CPU {compared.cpu_ratio:.2f}; {compared.spread()})"
                + (f" ({verdict} the target of {TARGET_RATIO})" if cache_seconds == "0" else ""),
                flush=True,
            )
            failed += cache_seconds == "0" and ratio < TARGET_RATIO
    return 1 if failed else 0


def api_environment(database_url: str, cache_seconds: str) -> dict[str, str]:
    return production_environment(database_url, API_RATE_LIMIT="0", API_RESPONSE_CACHE_SECONDS=cache_seconds)


if __name__ == "__main__":
    sys.exit(main())
