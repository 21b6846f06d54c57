"""Run manage.py in its own process against a database of its own.

For what only a real process shows: exit codes, stderr, and being killed.
The database is a fresh one of the same kind as the test run's (a SQLite
file, or a new PostgreSQL database on the same server), migrated first.
"""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from django.db import connection

PROJECT = Path(__file__).resolve().parents[2]


def _environment(database_url: str) -> dict[str, str]:
    # No HSDS datapackage after these imports: it would take seconds and land in the project's var/.
    return {**os.environ, "DATABASE_URL": database_url, "DEBUG": "true", "HSDS_DATAPACKAGE_AFTER_IMPORT": "false"}


def manage(database_url: str, *args: str) -> subprocess.CompletedProcess[str]:
    """Run a management command to its end."""
    command = [sys.executable, "manage.py", *args]
    return subprocess.run(
        command, cwd=PROJECT, env=_environment(database_url), capture_output=True, text=True, timeout=600
    )


def start_manage(database_url: str, *args: str) -> subprocess.Popen[bytes]:
    """Start a management command and return at once."""
    command = [sys.executable, "manage.py", *args]
    return subprocess.Popen(
        command, cwd=PROJECT, env=_environment(database_url), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )


@contextmanager
def scratch_database(tmp_path: Path) -> Iterator[str]:
    if connection.vendor == "sqlite":
        url = f"sqlite:///{tmp_path / 'scratch.sqlite3'}"
        _migrate(url)
        yield url
        return
    import psycopg

    settings = connection.settings_dict
    name = f"iopfinder_scratch_{uuid.uuid4().hex[:12]}"
    server = f"postgres://{settings['USER']}@{settings['HOST'] or '127.0.0.1'}:{settings['PORT'] or 5432}"
    with psycopg.connect(f"{server}/postgres", autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        _migrate(f"{server}/{name}")
        yield f"{server}/{name}"
    finally:
        with psycopg.connect(f"{server}/postgres", autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _migrate(url: str) -> None:
    done = manage(url, "migrate", "--noinput", "-v0")
    assert done.returncode == 0, done.stderr
