"""Back up the database DATABASE_URL names into one file, and restore such a file into it.

PostgreSQL through pg_dump's custom format and pg_restore (the client tools
must be of the server's major version or newer); SQLite through its online
backup API, which copies a consistent snapshot while the site keeps serving.
A backup holds coverage requests only as ciphertext: without the
FIELD_ENCRYPTION_KEYS that wrote them it restores a directory whose requests
can never be read again, so keep the keys, apart from the backups.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
from pathlib import Path
from typing import Any

from django.db import connections

POSTGRES_MAGIC = b"PGDMP"
SQLITE_MAGIC = b"SQLite format 3\x00"


class BackupError(Exception):
    """A backup or restore that cannot go ahead, with a message for the operator."""


def _settings(alias: str) -> dict[str, Any]:
    return connections[alias].settings_dict


def _engine(alias: str) -> str:
    vendor = connections[alias].vendor
    if vendor not in ("postgresql", "sqlite"):
        raise BackupError(f"backups of {vendor} databases are not supported")
    return vendor


def _libpq_environment(alias: str) -> dict[str, str]:
    """The connection for pg_dump and pg_restore, passed in libpq's variables so no password is on a command line."""
    config = _settings(alias)
    env = dict(os.environ)
    for variable, key in (("PGHOST", "HOST"), ("PGPORT", "PORT"), ("PGUSER", "USER"), ("PGPASSWORD", "PASSWORD")):
        if config.get(key):
            env[variable] = str(config[key])
    env["PGDATABASE"] = config["NAME"]
    return env


def _run(command: list[str], env: dict[str, str]) -> None:
    try:
        finished = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    except FileNotFoundError:
        raise BackupError(f"{command[0]} is not installed (Debian: apt-get install postgresql-client)") from None
    if finished.returncode != 0:
        raise BackupError(f"{command[0]} failed: {finished.stderr.strip()[-2000:]}")


def database_has_tables(alias: str = "default") -> bool:
    connection = connections[alias]
    with connection.cursor() as cursor:
        return bool(connection.introspection.table_names(cursor))


def backup_database(destination: Path, *, alias: str = "default") -> None:
    """Write a consistent copy of the database to `destination` (written beside it, then renamed)."""
    partial = destination.with_name(destination.name + ".partial")
    if _engine(alias) == "postgresql":
        env = _libpq_environment(alias)
        _run(["pg_dump", "--format=custom", "--no-owner", "--no-privileges", "--file", str(partial)], env)
    else:
        connections[alias].ensure_connection()
        source = connections[alias].connection
        target = sqlite3.connect(partial)
        try:
            source.backup(target)
        finally:
            target.close()
    os.replace(partial, destination)


def restore_database(source: Path, *, alias: str = "default", replace: bool = False) -> None:
    """Load a backup into the database; one that already has tables is refused unless `replace`."""
    with source.open("rb") as file:
        head = file.read(len(SQLITE_MAGIC))
    engine = _engine(alias)
    expected = POSTGRES_MAGIC if engine == "postgresql" else SQLITE_MAGIC
    if not head.startswith(expected):
        kind = "PostgreSQL" if head.startswith(POSTGRES_MAGIC) else "SQLite" if head == SQLITE_MAGIC else "unknown"
        raise BackupError(f"{source} is a {kind} backup; DATABASE_URL names a {engine} database")
    if database_has_tables(alias) and not replace:
        raise BackupError("the database already has tables: restore into an empty one, or pass --replace")
    if engine == "postgresql":
        connections[alias].close()
        command = ["pg_restore", "--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction"]
        if replace:
            command += ["--clean", "--if-exists"]
        _run([*command, "--dbname", _settings(alias)["NAME"], str(source)], _libpq_environment(alias))
    else:
        connections[alias].ensure_connection()
        backup = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
        try:
            # The backup API replaces every page of the target, tables and all.
            backup.backup(connections[alias].connection)
        finally:
            backup.close()
