"""The results page on a cold cache over a slow phone's connection: bytes transferred and first paint.

Debian's Chromium through Playwright, each visit in a fresh browser context
(an empty cache), with DevTools throttling: 400 ms of latency on every request
(the HTML's own included), 400 kbit/s each way, and a CPU 4x slower. gunicorn
(2 workers, production settings, content-named static files, page cache off so
every page is searched afresh) serves the real 2023 directory on SQLite. Five
results pages from the mix of bench/load.py, then the same with the map opened
(tiles blocked: they come from another host), beside the base-layout page
measured the same way (the floor). Targets: at most 25 KB transferred without
the map; first contentful paint within 1.5 s.

    python -m bench.slow_phone
"""

from __future__ import annotations

import statistics
import sys
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from bench.common import database_urls, free_port, production_environment
from bench.load import REAL_DIRECTORY, GunicornServer, prepare_database, search_mix

CHROMIUM = Path("/usr/bin/chromium")
LATENCY_MS = 400
KBIT_PER_S = 400
CPU_SLOWDOWN = 4
PAGES = 5
LAYOUT_PATH = "/bench/layout/"
MAX_BYTES = 25 * 1024
MAX_FCP_MS = 1500


def has_map(url: str) -> bool:
    with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310 (the benchmark's own server)  # nosec B310
        return b'class="map-panel"' in response.read()


@dataclass(frozen=True)
class Visit:
    transferred: int  # bytes on the wire, headers included, as DevTools counts them
    requests: int
    fcp_ms: float
    load_ms: float


def visit(browser: object, url: str, *, open_map: bool = False) -> Visit:
    """One cold-cache visit of `url` under the throttling above."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)  # type: ignore[attr-defined]
    page = context.new_page()
    origin = url.split("/", 3)[:3]
    page.route(lambda address: not address.startswith("/".join(origin)), lambda route: route.abort())
    session = context.new_cdp_session(page)
    received: dict[str, int] = {}
    session.on(
        "Network.loadingFinished", lambda event: received.__setitem__(event["requestId"], event["encodedDataLength"])
    )
    session.send("Network.enable")
    session.send("Network.setCacheDisabled", {"cacheDisabled": False})
    throughput = KBIT_PER_S * 1000 / 8
    conditions = {
        "offline": False,
        "latency": LATENCY_MS,
        "downloadThroughput": throughput,
        "uploadThroughput": throughput,
    }
    session.send("Network.emulateNetworkConditions", conditions)
    session.send("Emulation.setCPUThrottlingRate", {"rate": CPU_SLOWDOWN})
    page.goto(url, wait_until="load")
    page.wait_for_load_state("networkidle")
    if open_map:
        page.get_by_role("button", name="Show these programs on a map").click()
        page.locator(".map path.leaflet-interactive").first.wait_for()
        page.wait_for_load_state("networkidle")
    timing = page.evaluate(
        "(() => { const paint = performance.getEntriesByName('first-contentful-paint')[0];"
        " const nav = performance.getEntriesByType('navigation')[0];"
        " return [paint ? paint.startTime : -1, nav.loadEventEnd]; })()"
    )
    context.close()
    return Visit(sum(received.values()), len(received), timing[0], timing[1])


def summary(label: str, visits: list[Visit], floor: Visit | None = None) -> str:
    kb = statistics.median(v.transferred for v in visits) / 1024
    fcp = statistics.median(v.fcp_ms for v in visits)
    load = statistics.median(v.load_ms for v in visits)
    requests = statistics.median(v.requests for v in visits)
    line = f"  {label:<34} {kb:6.1f} KB in {requests:.0f} requests, first paint {fcp:5.0f} ms, loaded {load:5.0f} ms"
    if floor is not None:
        line += f"  ({kb * 1024 / floor.transferred:.1f}x the floor's bytes, {fcp / floor.fcp_ms:.2f}x its first paint)"
    return line


def main() -> int:
    if not CHROMIUM.exists():
        print("Debian's Chromium is not installed (apt-get install chromium); skipping")
        return 1
    from playwright.sync_api import sync_playwright

    backend, url = next(iter(database_urls(REAL_DIRECTORY).items()))
    prepare_database(url)
    # The first pages of the mix, and for the map the first two that found programs to map (a page that found
    # none has no map).
    mix = search_mix("/search/?", url)
    pages = mix[:PAGES]
    port = free_port()
    environment = production_environment(url, BENCH_LAYOUT_PAGE="true", SEARCH_PAGE_CACHE_SECONDS="0")
    with GunicornServer(environment, port, LAYOUT_PATH), sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM))
        origin = f"http://127.0.0.1:{port}"
        visit(browser, origin + LAYOUT_PATH)  # not counted: the browser's and the server's first request
        floors = [visit(browser, origin + LAYOUT_PATH) for _ in range(3)]
        floor = sorted(floors, key=lambda v: v.fcp_ms)[1]
        results = [visit(browser, origin + path) for path in pages]
        mapped = [path for path in mix if has_map(origin + path)][:2]
        with_map = [visit(browser, origin + path, open_map=True) for path in mapped]
        browser.close()
    print(
        f"{backend}: cold cache, {LATENCY_MS} ms latency, {KBIT_PER_S} kbit/s, CPU {CPU_SLOWDOWN}x slower,"
        f" {PAGES} results pages (medians)"
    )
    print(summary("base layout page (floor)", [floor]))
    print(summary("results page", results, floor))
    print(summary("results page, map opened (no tiles)", with_map, floor))
    kb = statistics.median(v.transferred for v in results)
    fcp = statistics.median(v.fcp_ms for v in results)
    missed = kb > MAX_BYTES or fcp > MAX_FCP_MS
    print(f"  (targets: results page <= {MAX_BYTES // 1024} KB, first paint <= {MAX_FCP_MS} ms)")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
