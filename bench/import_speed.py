"""Import speed of the 2023 national directory, against the bare read of the same workbook.

For SQLite and PostgreSQL: the bare openpyxl read of every row, a full import
into an empty database, and a no-op re-import of the same file, each the best
of REPEATS runs in a fresh child process on a scratch database.
Targets: full import <= 4x the bare read on SQLite and <= 8x on PostgreSQL;
no-op re-import <= 2x.

    python -m bench.import_speed
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time

from bench.common import (
    PROJECT,
    WORKBOOK,
    drop_postgres_database,
    fresh_postgres_database,
    production_environment,
    scratch_name,
)

SCRATCH_POSTGRES = "iopfinder_bench_import"
REPEATS = 3
TARGETS = {"sqlite": (4, 2), "postgresql": (8, 2)}


def measure() -> dict[str, float]:
    """In a child process whose DATABASE_URL names an empty, migrated database."""
    import django

    django.setup()  # the parent's production_environment() names the settings
    import openpyxl

    from directory.models import Facility, Service, ServiceCategory
    from imports.models import ImportRun
    from imports.services import import_directory

    bare, full, noop = [], [], []
    for _ in range(REPEATS):
        started = time.perf_counter()
        book = openpyxl.load_workbook(WORKBOOK, read_only=True)
        rows = sum(1 for _ in book["Facilities List"].iter_rows(values_only=True))
        bare.append(time.perf_counter() - started)
        book.close()

        for model in (Facility, Service, ServiceCategory, ImportRun):
            model.objects.all().delete()
        started = time.perf_counter()
        run = import_directory(source=str(WORKBOOK))
        full.append(time.perf_counter() - started)
        assert run.added == 12744, run.summary()
        started = time.perf_counter()
        run = import_directory(source=str(WORKBOOK))
        noop.append(time.perf_counter() - started)
        assert run.unchanged == 12744, run.summary()
    return {"rows": rows, "bare_read": min(bare), "full_import": min(full), "noop_import": min(noop)}


def _child(database_url: str) -> dict[str, float]:
    # Production settings: with DEBUG on, Django would also record every query.
    env = production_environment(database_url)
    migrate = [sys.executable, "manage.py", "migrate", "--noinput", "-v0"]
    subprocess.run(migrate, cwd=PROJECT, env=env, check=True)
    done = subprocess.run(
        [sys.executable, "-m", "bench.import_speed", "--measure"],
        cwd=PROJECT, env=env, check=True, capture_output=True, text=True,
    )  # fmt: skip
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> int:
    print(f"Import of {WORKBOOK.name} (best of {REPEATS})")
    columns = ("bare read", "import", "ratio", "target", "no-op", "ratio", "target")
    print(f"{'database':<11}" + "".join(f"{column:>10}" for column in columns))
    missed = 0
    with tempfile.TemporaryDirectory() as folder:
        missed += _report("sqlite", _child(f"sqlite:///{folder}/bench.sqlite3"))
    url = fresh_postgres_database(SCRATCH_POSTGRES)
    if url is None:
        print("postgresql: not reachable, skipped")
        return missed
    try:
        missed += _report("postgresql", _child(url))
    finally:
        drop_postgres_database(scratch_name(SCRATCH_POSTGRES))
    return 1 if missed else 0


def _report(database: str, figures: dict[str, float]) -> bool:
    """Print one line of figures; True when a target is missed."""
    full_target, noop_target = TARGETS[database]
    full_ratio = figures["full_import"] / figures["bare_read"]
    noop_ratio = figures["noop_import"] / figures["bare_read"]
    missed = full_ratio > full_target or noop_ratio > noop_target
    cells = (
        f"{figures['bare_read']:.2f}s", f"{figures['full_import']:.2f}s", f"{full_ratio:.1f}x", f"<={full_target}x",
        f"{figures['noop_import']:.2f}s", f"{noop_ratio:.1f}x", f"<={noop_target}x",
    )  # fmt: skip
    verdict = "MISSED" if missed else "ok"
    print(f"{database:<11}" + "".join(f"{cell:>10}" for cell in cells) + f"  {verdict}", flush=True)
    return missed


if __name__ == "__main__":
    if "--measure" in sys.argv:
        print(json.dumps(measure()))
    else:
        sys.exit(main())
