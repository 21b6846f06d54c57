"""In-process latency of search_facilities, p50/p95 over 50 real ZIP codes.

At the real 12,744 facilities of the 2023 directory, and at 1,000,000
facilities (the real ones plus synthetic ones placed near the ZIP centers of
real facilities, each copying a real facility's services so the codes keep
their real frequencies and combinations), on SQLite and on PostgreSQL.
Every search is 25 miles, with facet counts, as the results page asks.
Targets: p95 < 5 ms at 12,744 and < 50 ms at 1,000,000. Each figure is also
given as a ratio to its floor, one trivial database round trip (reading the
directory's revision token) timed in the same process, so runs on a busy
machine stay comparable.

    python -m bench.search_speed          # both sizes, every reachable backend
    BENCH_SIZES=real python -m bench.search_speed
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
import time

from bench.common import PROJECT, database_urls, ensure_real_directory, percentile, production_environment, setup_django

SYNTHETIC_TOTAL = int(os.environ.get("BENCH_SYNTHETIC_TOTAL", "1000000"))
# Another name keeps a second checkout's run off these scratch databases.
DATABASE_PREFIX = os.environ.get("BENCH_SEARCH_DATABASE", "iopfinder_bench_search")
REPEATS = 5
TARGET_MS = {"real": 5.0, "synthetic": 50.0}
FILTERS: dict[str, dict[str, tuple[str, ...]]] = {
    "no filters": {},
    "IOP + Medicaid": {"care": ("iop",), "pay": ("medicaid",)},
    "IOP|PHP + private|cash + telehealth": {"care": ("iop", "partial"), "pay": ("private", "cash"), "tele": ("yes",)},
    # What programs say of themselves (programs.ProgramFacts), tested beside the masks.
    "IOP + evening/weekend + new clients": {"care": ("iop",), "schedule": ("evening-weekend",), "openings": ("yes",)},
}
# One listing in PROGRAM_FACTS_EVERY has its program's own facts (the real directory has none yet).
PROGRAM_FACTS_EVERY = 10
# 34 dense cities and 16 rural or remote places.
ZIPS = [
    "10001", "10027", "11201", "90012", "90028", "60601", "77002", "85004", "19103", "78205", "92101", "75201",
    "95113", "78701", "32202", "94103", "43215", "28202", "46204", "98101", "80202", "20001", "02108", "37203",
    "48226", "97204", "89101", "21202", "53202", "87102", "33101", "30303", "70112", "55401",
    "59001", "82001", "69101", "57701", "58801", "83440", "04730", "05001", "99501", "99701", "96813", "88001",
    "79830", "67801", "41501", "25801",
]  # fmt: skip


def measure(size: str) -> dict[str, object]:
    """In a child process whose DATABASE_URL names the scratch database for `size`."""
    from directory.geocoding import Point
    from directory.models import Facility, Place
    from directory.search import SearchQuery, search_facilities

    ensure_real_directory()
    if size == "synthetic":
        add_synthetic_facilities(SYNTHETIC_TOTAL)
    add_program_facts(PROGRAM_FACTS_EVERY)
    located = Place.objects.filter(zip_code__in=ZIPS, latitude__isnull=False)
    points = {p.zip_code: Point(p.latitude or 0.0, p.longitude or 0.0) for p in located}
    figures: dict[str, object] = {"facilities": Facility.objects.filter(published=True).count(), "zips": len(points)}
    figures["floor"] = _floor_ms()
    for label, filters in FILTERS.items():
        samples, results = [], []
        for point in points.values():
            query = SearchQuery(point=point, radius_miles=25, filters=filters)
            results.append(search_facilities(query).total)  # warm: the legend and the page cache
            for _ in range(REPEATS):
                started = time.perf_counter()
                search_facilities(query)
                samples.append((time.perf_counter() - started) * 1000)
        figures[label] = {
            "p50": percentile(samples, 0.50),
            "p95": percentile(samples, 0.95),
            "max": max(samples),
            "median results": sorted(results)[len(results) // 2],
            "most results": max(results),
        }
    return figures


def add_program_facts(every: int) -> None:
    """Give one published listing in `every` a program's facts (once; later runs reuse them)."""
    from datetime import timedelta

    from django.utils import timezone

    from directory.models import Facility
    from programs.models import ProgramFacts

    if ProgramFacts.objects.exists():
        return
    rng = random.Random(2026)
    now = timezone.now()
    rows = []
    for number, pk in enumerate(Facility.objects.filter(published=True).order_by("pk").values_list("pk", flat=True)):
        if number % every:
            continue
        said = (now - timedelta(days=rng.randint(0, 60))).isoformat()
        rows.append(
            ProgramFacts(
                facility_id=pk, evening_track=rng.random() < 0.5, weekend_track=rng.random() < 0.2,
                virtual_iop=rng.random() < 0.4, openings=rng.choice(["yes", "waiting-list", "not-now"]),
                stamps={"schedule": {"kind": "sample", "at": said}, "openings": {"kind": "sample", "at": said},
                        "details": {"kind": "sample", "at": said}},
            )
        )  # fmt: skip
    ProgramFacts.objects.bulk_create(rows, batch_size=5000)


def _floor_ms() -> dict[str, float]:
    from directory.revision import directory_revision

    samples = []
    for _ in range(500):
        started = time.perf_counter()
        directory_revision()
        samples.append((time.perf_counter() - started) * 1000)
    return {"p50": percentile(samples, 0.50), "p95": percentile(samples, 0.95)}


def add_synthetic_facilities(total: int) -> None:
    """Top the directory up to `total` published facilities (once; later runs reuse them)."""
    from django.db import connection, transaction
    from django.utils import timezone

    from directory.bands import band_of
    from directory.models import Dataset, Facility, Place
    from directory.service_mask import SERVICE_COLUMNS

    have = Facility.objects.filter(published=True).count()
    if have >= total:
        return
    real = list(
        Facility.objects.filter(dataset=Dataset.NATIONAL_DIRECTORY)
        .order_by("pk")
        .values_list("zip_code", *SERVICE_COLUMNS, "state", "city")
    )
    located = Place.objects.filter(zip_code__in={r[0] for r in real}, latitude__isnull=False)
    positions = located.values_list("zip_code", "latitude", "longitude")
    centers = {z: lat for z, lat, lon in positions if lat is not None and lon is not None}
    centers_lon = {z: lon for z, lat, lon in positions if lat is not None and lon is not None}
    real = [r for r in real if r[0] in centers]
    rng = random.Random(2023)
    now = timezone.now()
    columns = [
        "public_id", "dataset", "identity_key", "content_hash", "name", "program_name", "street1", "street2", "city",
        "state", "zip_code", "phone", "intake_phones", "hotline", "website", "latitude", "longitude",
        "longitude_band", "coordinate_precision", *SERVICE_COLUMNS, "published",
        "edition", "first_seen_edition", "last_seen_edition", "updated_at",
    ]  # fmt: skip

    def rows(start: int, stop: int):
        for i in range(start, stop):
            zip_code, *words, state, city = rng.choice(real)
            # About 3 miles of spread around the ZIP center.
            lat = centers[zip_code] + rng.gauss(0, 0.04)
            lon = centers_lon[zip_code] + rng.gauss(0, 0.05)
            yield (
                f"syn{i:09d}", Dataset.SAMPLE, f"synthetic-{i}", "", f"Synthetic program {i}", "", "1 Main Street",
                "", city, state, zip_code, "555-555-0100", "[]", "", "", lat, lon, band_of(lon), "zip", *words,
                True, 2023, 2023, 2023, now,
            )  # fmt: skip

    started = time.perf_counter()
    table_columns = ", ".join(columns)
    with transaction.atomic(), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY directory_facility ({table_columns}) FROM STDIN") as copy:
                for row in rows(have, total):
                    copy.write_row(row)
        else:
            placeholders = ", ".join(["%s"] * len(columns))
            sql = f"INSERT INTO directory_facility ({table_columns}) VALUES ({placeholders})"  # noqa: S608
            for start in range(have, total, 50_000):
                cursor.executemany(sql, list(rows(start, min(total, start + 50_000))))
    if connection.vendor == "postgresql":
        # VACUUM sets the visibility map that index-only scans need; after a
        # bulk load autovacuum would do it in its own time.
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE directory_facility")
    else:
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    print(f"  generated {total - have:,} synthetic facilities in {time.perf_counter() - started:.0f} s", flush=True)


def main() -> int:
    sizes = os.environ.get("BENCH_SIZES", "real,synthetic").split(",")
    missed = 0
    for size in sizes:
        for backend, url in database_urls(f"{DATABASE_PREFIX}_{size}").items():
            child = subprocess.run(
                [sys.executable, "-m", "bench.search_speed", "--child", size],
                # Production settings: DEBUG would record every query and slow each search.
                env=production_environment(url),
                cwd=PROJECT,
                capture_output=True,
                text=True,
                check=False,
            )
            if child.returncode:
                print(f"{size} on {backend}: failed\n{child.stderr[-2000:]}", flush=True)
                missed += 1
                continue
            if "generated" in child.stdout:
                print(child.stdout.rsplit("\n", 2)[0])
            figures = json.loads(child.stdout.strip().splitlines()[-1])
            missed += report(size, backend, figures)
    return 1 if missed else 0


def report(size: str, backend: str, figures: dict) -> int:
    target = TARGET_MS[size]
    floor = figures["floor"]
    print(f"{figures['facilities']:>9,} facilities, {backend}, {figures['zips']} ZIPs x {REPEATS}, 25 mi, facets on")
    print(f"  floor: one database round trip                 p50 {floor['p50']:6.3f} ms  p95 {floor['p95']:6.3f} ms")
    missed = 0
    for label in FILTERS:
        f = figures[label]
        verdict = "ok" if f["p95"] < target else f"MISSES p95 < {target:g} ms"
        missed += f["p95"] >= target
        print(
            f"  {label:<38} p50 {f['p50']:6.2f} ms  p95 {f['p95']:6.2f} ms  max {f['max']:6.1f} ms"
            f"  = {f['p95'] / floor['p95']:.0f}x floor  (results: median {f['median results']},"
            f" most {f['most results']})  {verdict}"
        )
    return missed


if __name__ == "__main__":
    if sys.argv[1:2] == ["--child"]:
        setup_django(os.environ["DATABASE_URL"])
        outcome = measure(sys.argv[2])
        print(json.dumps(outcome), flush=True)
    else:
        sys.exit(main())
