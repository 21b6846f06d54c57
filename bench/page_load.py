"""The whole results page over HTTP under load, beside a page of only the base layout (its floor).

gunicorn with 2 workers in production settings on loopback, wrk for 15 s per run (in alternating
rounds with its floor, so a change in what else the machine runs falls on both; the servers' own CPU
time per request is given too, as a shared machine moves requests per second more than CPU per
request), on the real 2023 directory (SQLite, and PostgreSQL when reachable). The results pages are
the mix of bench/load.py: 1,000 distinct real searches asked for in turn. Two runs: searched and
rendered afresh (SEARCH_PAGE_CACHE_SECONDS=0, what a long tail of searches meets), and as served
(the search part of a page reused for the same URL), each against the layout page measured by the
same server. Targets: uncached results pages at least half the layout page's rate; under 25 KB gzip
(no map).

    python -m bench.page_load
"""

from __future__ import annotations

import gzip
import os
import shutil
import sys
import urllib.request

from bench.common import database_urls, free_port, production_environment
from bench.load import REAL_DIRECTORY, GunicornServer, compare, prepare_database, search_mix

SECONDS = int(os.environ.get("BENCH_SECONDS", "15"))
LAYOUT_PATH = "/bench/layout/"
MAX_COMPRESSED_BYTES = 25 * 1024
TARGET_RATIO = 0.5


def serve(url: str, port: int, *, page_cache: bool) -> GunicornServer:
    seconds = "300" if page_cache else "0"
    env = production_environment(url, BENCH_LAYOUT_PAGE="true", SEARCH_PAGE_CACHE_SECONDS=seconds)
    return GunicornServer(env, port, LAYOUT_PATH)


def page_sizes(port: int, path: str) -> tuple[int, int]:
    """The page's bytes, and as gzip sends them."""
    body = urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=10).read()
    return len(body), len(gzip.compress(body, compresslevel=6))


def main() -> int:
    if not shutil.which("wrk"):
        print("wrk is not installed (Debian: apt-get install wrk); skipping the page load benchmark")
        return 1
    missed = 0
    for backend, url in database_urls(REAL_DIRECTORY).items():
        prepare_database(url)
        pages = search_mix("/search/?", url)
        print(f"{backend}: gunicorn 2 workers, wrk 16 connections x {SECONDS} s, {len(pages)} distinct searches")
        for page_cache, label in ((False, "searched and rendered afresh"), (True, "as served (search part reused)")):
            port = free_port()
            with serve(url, port, page_cache=page_cache) as server:
                compared = compare(server, [LAYOUT_PATH], pages, SECONDS)
                if not page_cache:
                    size, compressed = max(page_sizes(port, path) for path in pages[:20])
            layout, results, ratio = compared.floor, compared.target, compared.ratio
            print(
                f"  results pages, {label:<30} {results.rate:6.0f} req/s ({results.cpu_ms:5.1f} ms CPU each)"
                f"  base layout {layout.rate:6.0f} req/s ({layout.cpu_ms:4.1f} ms CPU)"
                f"  ratio {ratio:.2f} (by server CPU {compared.cpu_ratio:.2f}; {compared.spread()})",
                flush=True,
            )
            missed += not page_cache and ratio < TARGET_RATIO
        missed += compressed > MAX_COMPRESSED_BYTES
        print(f"  (target: results pages afresh >= {TARGET_RATIO:.0%} of the layout page, same server, same run)")
        print(
            f"  largest of twenty results pages {size / 1024:.1f} KB, {compressed / 1024:.1f} KB gzip"
            f" (target < {MAX_COMPRESSED_BYTES // 1024} KB)"
        )
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
