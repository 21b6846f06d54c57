"""The whole results page over HTTP under load, beside a page of only the base layout.

gunicorn with 2 workers in production settings on loopback, wrk for 15 s per
page, on the real 2023 directory (SQLite, and PostgreSQL when reachable).
Targets: the results page (25 mi, IOP + Medicaid, with facet counts) serves at
least half the requests per second of the base-layout page, and weighs under
60 KB compressed (no map tiles).

    python -m bench.page_load
"""

from __future__ import annotations

import gzip
import os
import re
import shutil
import subprocess
import sys
import time
import urllib.request

from bench.common import PROJECT, database_urls, production_environment

PORT = int(os.environ.get("BENCH_PORT", "8103"))
SECONDS = int(os.environ.get("BENCH_SECONDS", "15"))
CONNECTIONS = 16
RESULTS_PATH = "/search/?where=77002&radius=25&care=iop&pay=medicaid"
LAYOUT_PATH = "/bench/layout/"
MAX_COMPRESSED_BYTES = 60 * 1024


def ensure_directory(url: str) -> None:
    code = "from bench.common import setup_django, ensure_real_directory; setup_django(%r); ensure_real_directory()"
    subprocess.run([sys.executable, "-c", code % url], cwd=PROJECT, check=True, env={**os.environ, "DEBUG": "true"})


def serve(url: str, *, page_cache: bool) -> subprocess.Popen:
    env = production_environment(url, BENCH_LAYOUT_PAGE="true", SEARCH_PAGE_CACHE_SECONDS="300" if page_cache else "0")
    gunicorn = [
        sys.executable,
        "-m",
        "gunicorn",
        "iopfinder.wsgi",
        "-w",
        "2",
        "-b",
        f"127.0.0.1:{PORT}",
        "--log-level",
        "warning",
    ]
    server = subprocess.Popen(gunicorn, cwd=PROJECT, env=env)
    for _ in range(100):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{PORT}{LAYOUT_PATH}", timeout=2).read()
            return server
        except OSError:
            time.sleep(0.2)
    server.terminate()
    raise RuntimeError("gunicorn did not start")


def requests_per_second(path: str) -> float:
    url = f"http://127.0.0.1:{PORT}{path}"
    subprocess.run(["wrk", "-t1", "-c4", "-d2s", url], capture_output=True, check=True)  # warm both workers
    out = subprocess.run(
        ["wrk", "-t2", f"-c{CONNECTIONS}", f"-d{SECONDS}s", url], capture_output=True, text=True, check=True
    ).stdout
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    if errors:
        raise RuntimeError(f"{errors.group(1)} failed responses from {path}")
    found = re.search(r"Requests/sec:\s+([\d.]+)", out)
    if not found:
        raise RuntimeError(f"wrk printed no rate:\n{out}")
    return float(found.group(1))


def main() -> int:
    if not shutil.which("wrk"):
        print("wrk is not installed (Debian: apt-get install wrk); skipping the page load benchmark")
        return 1
    missed = 0
    for backend, url in database_urls("iopfinder_bench_search_real").items():
        ensure_directory(url)
        rates = {}
        for page_cache in (False, True):
            server = serve(url, page_cache=page_cache)
            try:
                body = urllib.request.urlopen(f"http://127.0.0.1:{PORT}{RESULTS_PATH}", timeout=10).read()
                compressed = len(gzip.compress(body, compresslevel=6))
                rates[page_cache] = requests_per_second(RESULTS_PATH)
                if page_cache:
                    layout_rate = requests_per_second(LAYOUT_PATH)
            finally:
                server.terminate()
                server.wait(timeout=10)
        print(f"{backend}: gunicorn 2 workers, wrk {CONNECTIONS} connections x {SECONDS} s on loopback")
        print(f"  base layout page            {layout_rate:8.0f} requests/s")
        for page_cache, label in ((False, "searched every request"), (True, "search part reused")):
            ratio = rates[page_cache] / layout_rate
            print(f"  results page, {label:<22} {rates[page_cache]:8.0f} requests/s = {ratio:.0%} of the layout page")
        missed += rates[True] / layout_rate < 0.5 or compressed > MAX_COMPRESSED_BYTES
        print("  (target: results page >= 50% of the layout page)")
        print(f"  results page size  {len(body) / 1024:.1f} KB, {compressed / 1024:.1f} KB gzip (target < 60 KB)")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
