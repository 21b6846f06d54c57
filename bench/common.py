"""What the benchmarks share: scratch databases with the real directory, and percentiles."""

from __future__ import annotations

import os
import secrets
import statistics
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
SAMHSA_DIR = Path(os.environ.get("SAMHSA_DATA_DIR", PROJECT.parent / "shared/data/samhsa"))
WORKBOOK = SAMHSA_DIR / "national-directory-su-facilities-2023.xlsx"
BENCH_DIR = Path(os.environ.get("BENCH_DIR", PROJECT / "var" / "bench"))
POSTGRES_SERVER = os.environ.get("BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432")


def production_environment(database_url: str, **overrides: str) -> dict[str, str]:
    """Settings as a deployment has them (DEBUG off, real secrets, Redis), on plain HTTP over loopback."""
    from cryptography.fernet import Fernet

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
        # Benchmarks of the import time the import alone; bench.hsds_speed times the HSDS datapackage.
        "HSDS_DATAPACKAGE_AFTER_IMPORT": "false",
        **overrides,
    }


def bench_redis_url() -> str:
    """A scratch Redis database, emptied, when Redis is reachable: a deployment shares its cache that way."""
    import redis

    url = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/15")
    try:
        redis.Redis.from_url(url, socket_connect_timeout=2).flushdb()
    except redis.RedisError:
        return ""
    return url


def database_urls(name: str) -> dict[str, str]:
    """A scratch database called `name` on each backend that is reachable."""
    BENCH_DIR.mkdir(parents=True, exist_ok=True)
    urls = {"sqlite": f"sqlite:///{BENCH_DIR / (name + '.sqlite3')}"}
    if postgres_reachable():
        ensure_postgres_database(name)
        urls["postgresql"] = f"{POSTGRES_SERVER}/{name}"
    return urls


def postgres_reachable() -> bool:
    import psycopg

    try:
        psycopg.connect(f"{POSTGRES_SERVER}/postgres", connect_timeout=3).close()
    except psycopg.Error:
        return False
    return True


def fresh_postgres_database(name: str) -> str | None:
    """An empty scratch database called `name` (an older one is dropped); None without PostgreSQL."""
    import psycopg
    from psycopg import sql

    if not postgres_reachable():
        return None
    with psycopg.connect(f"{POSTGRES_SERVER}/postgres", autocommit=True) as connection:
        connection.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
        connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    return f"{POSTGRES_SERVER}/{name}"


def drop_postgres_database(name: str) -> None:
    import psycopg
    from psycopg import sql

    with psycopg.connect(f"{POSTGRES_SERVER}/postgres", autocommit=True) as connection:
        connection.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))


def ensure_postgres_database(name: str) -> None:
    import psycopg
    from psycopg import sql

    with psycopg.connect(f"{POSTGRES_SERVER}/postgres", autocommit=True) as connection:
        if not connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


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
