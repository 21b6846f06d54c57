"""The database triggers that renew the directory's revision token, and a check that they are there.

Every write to a facility or to the service legend gives the revision
(directory.revision) a new random token: random, so that a rolled-back write
can never come back with another's token. SQLite's triggers run per row,
PostgreSQL's per statement. SQLite drops a table's triggers whenever a
migration rebuilds the table, silently: a migration that alters Facility or
Service calls `install_revision_triggers` again, and the system check
`directory.E001` refuses to serve a database whose triggers are missing.
"""

from __future__ import annotations

from typing import Any

from django.core import checks
from django.db import DatabaseError, connection

WATCHED_TABLES = ("directory_facility", "directory_service")
TRIGGERS_MIGRATION = "0006_wider_service_masks_and_provenance"
# The column-limited triggers of migration 0005, replaced by these.
_OLD_TRIGGERS = (
    "directory_facility_search_insert", "directory_facility_search_update", "directory_facility_search_delete",
    "directory_facility_search_write", "directory_facility_search_truncate",
)  # fmt: skip

_SQLITE_BUMP = (
    "INSERT INTO directory_searchrevision (id, token) VALUES (1, lower(hex(randomblob(16)))) "
    "ON CONFLICT (id) DO UPDATE SET token = excluded.token;"
)
_POSTGRES_FUNCTION = """
    CREATE OR REPLACE FUNCTION directory_search_revision_bump() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        INSERT INTO directory_searchrevision (id, token) VALUES (1, md5(random()::text || clock_timestamp()::text))
        ON CONFLICT (id) DO UPDATE SET token = EXCLUDED.token;
        RETURN NULL;
    END $$
"""


def expected_triggers(vendor: str) -> dict[str, str]:
    """Trigger name -> the CREATE TRIGGER statement, for this database."""
    wanted = {}
    for table in WATCHED_TABLES:
        if vendor == "postgresql":
            run = "FOR EACH STATEMENT EXECUTE FUNCTION directory_search_revision_bump()"
            wanted[f"{table}_revision_write"] = f"AFTER INSERT OR DELETE OR UPDATE ON {table} {run}"
            wanted[f"{table}_revision_truncate"] = f"AFTER TRUNCATE ON {table} {run}"
        else:
            for event in ("INSERT", "UPDATE", "DELETE"):
                wanted[f"{table}_revision_{event.lower()}"] = f"AFTER {event} ON {table} BEGIN {_SQLITE_BUMP} END"
    return {name: f"CREATE TRIGGER {name} {body}" for name, body in wanted.items()}


def install_revision_triggers(schema_editor: Any) -> None:
    """(Re)create the triggers; safe to run again."""
    postgres = schema_editor.connection.vendor == "postgresql"
    if postgres:
        schema_editor.execute(_POSTGRES_FUNCTION)
    for name in _OLD_TRIGGERS:
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {name}" + (" ON directory_facility" if postgres else ""))
    for name, statement in expected_triggers(schema_editor.connection.vendor).items():
        table = next(table for table in WATCHED_TABLES if name.startswith(table))
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {name}" + (f" ON {table}" if postgres else ""))
        schema_editor.execute(statement)


def missing_revision_triggers() -> list[str]:
    """Names of the triggers that are absent; [] when all are in place."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT tgname FROM pg_trigger WHERE NOT tgisinternal")
        else:
            cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
        installed = {row[0] for row in cursor.fetchall()}
    return [name for name in expected_triggers(connection.vendor) if name not in installed]


def _tables_ready() -> bool:
    from django.db.migrations.recorder import MigrationRecorder

    if not set(WATCHED_TABLES) <= set(connection.introspection.table_names()):
        return False
    return ("directory", TRIGGERS_MIGRATION) in MigrationRecorder(connection).applied_migrations()


@checks.register(checks.Tags.compatibility)
def check_revision_triggers(app_configs: Any = None, **kwargs: Any) -> list[checks.CheckMessage]:
    """Refuse to serve from caches and a search copy that no write would ever renew."""
    try:
        if not _tables_ready():
            return []  # migrate installs them
        missing = missing_revision_triggers()
    except DatabaseError:
        return []  # no database to look at (yet): nothing to say about its triggers
    if not missing:
        return []
    return [
        checks.Error(
            f"The directory revision triggers {', '.join(missing)} are missing: searches and cached pages "
            "would keep answering from an old copy of the directory.",
            hint="A migration rebuilt the table (SQLite drops triggers then): call "
            "directory.search.triggers.install_revision_triggers in that migration, or run "
            "`manage.py install_revision_triggers`.",
            id="directory.E001",
        )
    ]
