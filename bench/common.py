"""What the benchmarks share: scratch databases with the real directory, free ports, and percentiles.

Benchmarks share the machine with other work: every port is one the system
hands out free at run time, every scratch database carries this run's suffix
(and is dropped when the run ends), and the Redis database is the one the
environment names, used under this run's own key prefix and never flushed.
"""

from __future__ import annotations

import atexit
import hashlib
import os
import re
import secrets
import shutil
import socket
import statistics
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
SAMHSA_DIR = Path(os.environ.get("SAMHSA_DATA_DIR", PROJECT.parent / "shared/data/samhsa"))
WORKBOOK = SAMHSA_DIR / "national-directory-su-facilities-2023.xlsx"
BENCH_DIR = Path(os.environ.get("BENCH_DIR", PROJECT / "var" / "bench"))
POSTGRES_SERVER = os.environ.get("BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432")
# One suffix for every scratch database of a run (all modules of `python -m bench` share it). Setting
# BENCH_RUN_ID keeps the databases after the run, so the next run with the same id reuses them.
KEEP_DATABASES = bool(os.environ.get("BENCH_RUN_ID"))
RUN_ID = os.environ.get("BENCH_RUN_ID") or secrets.token_hex(4)
if not re.fullmatch(r"[a-z0-9_]{1,20}", RUN_ID):
    raise SystemExit("BENCH_RUN_ID may hold only a-z, 0-9 and _ (at most 20)")
CACHE_PREFIX = f"bench-{RUN_ID}"
BACKENDS = os.environ.get("BENCH_BACKENDS", "sqlite,postgresql").split(",")
_created_postgres: set[str] = set()
_cache_users: list[str] = []  # servers this process configured, whose cache keys to delete at the end
_created_sqlite: set[Path] = set()


def free_port() -> int:
    """A TCP port on loopback that nothing listens on now (the system's choice, not a guess)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def scratch_name(base: str) -> str:
    """`base` with this run's suffix: a database name no other run or checkout uses."""
    return f"{base}_{RUN_ID}"


def production_environment(database_url: str, **overrides: str) -> dict[str, str]:
    """Settings as a deployment has them (DEBUG off, real secrets, Redis), on plain HTTP over loopback."""
    from cryptography.fernet import Fernet

    _cache_users.append(database_url)
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "iopfinder.settings",
        "DEBUG": "false",
        "SECRET_KEY": secrets.token_hex(32),
        "FIELD_ENCRYPTION_KEYS": Fernet.generate_key().decode(),
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "false",
        "SITE_URL": "https://iopfinder.example",
        "DATABASE_URL": database_url,
        "LOG_LEVEL": "WARNING",
        "REDIS_URL": bench_redis_url(),
        # This run's keys only, whatever else the Redis database holds; removed when the run ends.
        "CACHE_KEY_PREFIX": f"{CACHE_PREFIX}-{hashlib.sha256(database_url.encode()).hexdigest()[:8]}",
        # Benchmarks of the import time the import alone; bench.hsds_speed times the HSDS datapackage.
        "HSDS_DATAPACKAGE_AFTER_IMPORT": "false",
        # Content-named static files, as production has them (collected once per run).
        "STATIC_ROOT": str(collected_static()),
        **overrides,
    }


def collected_static() -> Path:
    """This run's `collectstatic` folder (made on first use): production serves content-named files from one."""
    import subprocess
    import sys

    folder = BENCH_DIR / f"static_{RUN_ID}"
    if not (folder / "staticfiles.json").exists():
        environment = {**os.environ, "DEBUG": "true", "STATIC_MANIFEST": "true", "STATIC_ROOT": str(folder)}
        command = [sys.executable, "manage.py", "collectstatic", "--noinput", "--verbosity", "0"]
        subprocess.run(command, cwd=PROJECT, env=environment, check=True)
        if not KEEP_DATABASES:
            atexit.register(shutil.rmtree, folder, ignore_errors=True)
    return folder


def bench_redis_url() -> str:
    """The Redis database the environment names (BENCH_REDIS_URL, else REDIS_URL), when it answers; "" without.

    A deployment shares its cache through Redis, so the benchmarks do too; the database is never
    flushed (other work may use it): the servers' keys carry this run's prefix instead.
    """
    import redis

    url = os.environ.get("BENCH_REDIS_URL") or os.environ.get("REDIS_URL", "")
    if not url:
        return ""
    try:
        redis.Redis.from_url(url, socket_connect_timeout=2).ping()
    except redis.RedisError:
        return ""
    return url


def database_urls(base: str) -> dict[str, str]:
    """A scratch database named `base` + this run's suffix on each backend that is reachable (and in BENCH_BACKENDS)."""
    name = scratch_name(base)
    BENCH_DIR.mkdir(parents=True, exist_ok=True)
    sqlite_file = BENCH_DIR / f"{name}.sqlite3"
    if not sqlite_file.exists():
        _created_sqlite.add(sqlite_file)
    urls = {"sqlite": f"sqlite:///{sqlite_file}"}
    if "postgresql" in BACKENDS and postgres_reachable():
        ensure_postgres_database(name)
        urls["postgresql"] = f"{POSTGRES_SERVER}/{name}"
    return {backend: url for backend, url in urls.items() if backend in BACKENDS}


@atexit.register
def drop_scratch_databases() -> None:
    """Drop what this run created (only that: names carry its suffix), unless BENCH_RUN_ID asks to keep them."""
    _forget_cached_keys()
    if KEEP_DATABASES:
        return
    for name in sorted(_created_postgres):
        drop_postgres_database(name)
    for path in _created_sqlite:
        for leftover in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
            leftover.unlink(missing_ok=True)
    _created_postgres.clear()
    _created_sqlite.clear()


def postgres_reachable() -> bool:
    import psycopg

    try:
        psycopg.connect(f"{POSTGRES_SERVER}/postgres", connect_timeout=3).close()
    except psycopg.Error:
        return False
    return True


def _forget_cached_keys() -> None:
    """Delete this run's keys from the shared Redis database (Django writes them as prefix:version:key)."""
    url = bench_redis_url() if _cache_users else ""
    if not url:
        return
    import redis

    client = redis.Redis.from_url(url, socket_connect_timeout=2)
    for key in client.scan_iter(match=f"{CACHE_PREFIX}-*", count=1000):
        client.delete(key)


def fresh_postgres_database(base: str) -> str | None:
    """An empty scratch database named `base` + this run's suffix; None without PostgreSQL."""
    if not postgres_reachable():
        return None
    name = scratch_name(base)
    drop_postgres_database(name)
    ensure_postgres_database(name)
    return f"{POSTGRES_SERVER}/{name}"


def drop_postgres_database(name: str) -> None:
    """Drop a scratch database of this run; refuses any name without the run's suffix."""
    import psycopg
    from psycopg import sql

    if not name.endswith(f"_{RUN_ID}"):
        raise ValueError(f"{name!r} is not a scratch database of this run")
    with psycopg.connect(f"{POSTGRES_SERVER}/postgres", autocommit=True) as connection:
        # FORCE: the run's own servers may still hold connections; no one else knows the name.
        connection.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
    _created_postgres.discard(name)


def ensure_postgres_database(name: str) -> None:
    import psycopg
    from psycopg import sql

    with psycopg.connect(f"{POSTGRES_SERVER}/postgres", autocommit=True) as connection:
        if not connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
            _created_postgres.add(name)


def setup_django(database_url: str) -> None:
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "iopfinder.settings")
    os.environ.setdefault("HSDS_DATAPACKAGE_AFTER_IMPORT", "false")
    import django

    django.setup()


def ensure_real_directory() -> int:
    """Migrate and import the 2023 directory once; returns the published count."""
    from django.core.management import call_command

    from directory.models import Facility
    from imports.models import ImportRun

    call_command("migrate", verbosity=0)
    if not ImportRun.objects.filter(status=ImportRun.Status.SUCCEEDED).exists():
        from imports.services import import_directory

        import_directory(source=str(WORKBOOK))
    return Facility.objects.filter(published=True).count()


def percentile(samples: list[float], fraction: float) -> float:
    if len(samples) == 1:
        return samples[0]
    return statistics.quantiles(samples, n=100, method="inclusive")[round(fraction * 100) - 1]
