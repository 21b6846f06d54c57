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
import os
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
WORKBOOK = (
    Path(os.environ.get("SAMHSA_DATA_DIR", PROJECT.parent / "shared/data/samhsa"))
    / "national-directory-su-facilities-2023.xlsx"
)
POSTGRES_SERVER = os.environ.get("BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432")
REPEATS = 3
TARGETS = {"sqlite": (4, 2), "postgresql": (8, 2)}


def measure() -> dict[str, float]:
    """In a child process whose DATABASE_URL names an empty, migrated database."""
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "iopfinder.settings")
    django.setup()
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
    env = {**os.environ, "DATABASE_URL": database_url, "DEBUG": "true"}
    migrate = [sys.executable, "manage.py", "migrate", "--noinput", "-v0"]
    subprocess.run(migrate, cwd=PROJECT, env=env, check=True)
    done = subprocess.run(
        [sys.executable, "-m", "bench.import_speed", "--measure"],
        cwd=PROJECT, env=env, check=True, capture_output=True, text=True,
    )  # fmt: skip
    return json.loads(done.stdout.strip().splitlines()[-1])


def _postgres_database() -> tuple[str, str]:
    import psycopg

    name = f"iopfinder_bench_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(f"{POSTGRES_SERVER}/postgres", autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    return name, f"{POSTGRES_SERVER}/{name}"


def _drop_postgres(name: str) -> None:
    import psycopg

    with psycopg.connect(f"{POSTGRES_SERVER}/postgres", autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def main() -> None:
    print(f"Import of {WORKBOOK.name} (best of {REPEATS})")
    columns = ("bare read", "import", "ratio", "target", "no-op", "ratio", "target")
    print(f"{'database':<11}" + "".join(f"{column:>10}" for column in columns))
    with tempfile.TemporaryDirectory() as folder:
        results = {"sqlite": _child(f"sqlite:///{folder}/bench.sqlite3")}
    name, url = _postgres_database()
    try:
        results["postgresql"] = _child(url)
    finally:
        _drop_postgres(name)
    for database, figures in results.items():
        full_target, noop_target = TARGETS[database]
        full_ratio = figures["full_import"] / figures["bare_read"]
        noop_ratio = figures["noop_import"] / figures["bare_read"]
        verdict = "ok" if full_ratio <= full_target and noop_ratio <= noop_target else "MISSED"
        cells = (
            f"{figures['bare_read']:.2f}s", f"{figures['full_import']:.2f}s", f"{full_ratio:.1f}x", f"<={full_target}x",
            f"{figures['noop_import']:.2f}s", f"{noop_ratio:.1f}x", f"<={noop_target}x",
        )  # fmt: skip
        print(f"{database:<11}" + "".join(f"{cell:>10}" for cell in cells) + f"  {verdict}")


if __name__ == "__main__":
    if "--measure" in sys.argv:
        print(json.dumps(measure()))
    else:
        main()
