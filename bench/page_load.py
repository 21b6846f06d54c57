"""The whole results page over HTTP under load, beside a page of only the base layout.

gunicorn with 2 workers in production settings on loopback, wrk for 15 s per
run, on the real 2023 directory (SQLite, and PostgreSQL when reachable). The
results pages are the mix of bench/load.py: 100 different searches (25 mi, IOP
and one payment filter, with facet counts) asked for in turn. Two runs: as
served (the search part of a page is reused for the same URL until the next
import or for SEARCH_PAGE_CACHE_SECONDS), and with that reuse off, so every
request searches and renders afresh.
Targets: the results page, as served, at least half the requests per second of
the base-layout page; under 60 KB compressed (no map tiles).

    python -m bench.page_load
"""

from __future__ import annotations

import gzip
import os
import shutil
import sys
import urllib.request

from bench.common import database_urls, production_environment
from bench.load import REAL_DIRECTORY, GunicornServer, prepare_database, requests_per_second, search_mix

PORT = int(os.environ.get("BENCH_PORT", "8103"))
SECONDS = int(os.environ.get("BENCH_SECONDS", "15"))
RESULTS_PAGES = search_mix("/search/?")
LAYOUT_PATH = "/bench/layout/"
MAX_COMPRESSED_BYTES = 60 * 1024
TARGET_RATIO = 0.5


def serve(url: str, *, page_cache: bool) -> GunicornServer:
    seconds = "300" if page_cache else "0"
    env = production_environment(url, BENCH_LAYOUT_PAGE="true", SEARCH_PAGE_CACHE_SECONDS=seconds)
    return GunicornServer(env, PORT, LAYOUT_PATH)


def compressed_size(path: str) -> tuple[int, int]:
    body = urllib.request.urlopen(f"http://127.0.0.1:{PORT}{path}", timeout=10).read()
    return len(body), len(gzip.compress(body, compresslevel=6))


def main() -> int:
    if not shutil.which("wrk"):
        print("wrk is not installed (Debian: apt-get install wrk); skipping the page load benchmark")
        return 1
    missed = 0
    for backend, url in database_urls(REAL_DIRECTORY).items():
        prepare_database(url)
        rates = {}
        for page_cache in (True, False):
            with serve(url, page_cache=page_cache):
                if page_cache:
                    size, compressed = max(compressed_size(path) for path in RESULTS_PAGES[:10])
                    layout_rate = requests_per_second(PORT, [LAYOUT_PATH], SECONDS)
                rates[page_cache] = requests_per_second(PORT, RESULTS_PAGES, SECONDS)
        print(f"{backend}: gunicorn 2 workers, wrk 16 connections x {SECONDS} s, {len(RESULTS_PAGES)} searches")
        print(f"  base layout page                          {layout_rate:8.0f} requests/s")
        for page_cache, label in ((True, "as served (search part reused)"), (False, "searched and rendered afresh")):
            ratio = rates[page_cache] / layout_rate
            print(f"  results pages, {label:<28} {rates[page_cache]:8.0f} requests/s = {ratio:.0%} of the layout page")
        missed += rates[True] / layout_rate < TARGET_RATIO or compressed > MAX_COMPRESSED_BYTES
        print(f"  (target: results pages as served >= {TARGET_RATIO:.0%} of the layout page)")
        print(f"  largest of ten results pages {size / 1024:.1f} KB, {compressed / 1024:.1f} KB gzip (target < 60 KB)")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
