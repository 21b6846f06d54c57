"""The database triggers that renew the directory's revision token, and a check that they are there.

Every write to a facility, to the service legend or to what a program says
of itself (programs.ProgramFacts, which the search filters on) gives the
revision (directory.revision) a new random token: random, so that a rolled-back write
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

WATCHED_TABLES = ("directory_facility", "directory_service", "programs_programfacts")
TRIGGERS_MIGRATION = "0006_wider_service_masks_and_provenance"
# The migration that first gives each table its triggers: before it, a table has none to miss.
# A program's own facts (programs.ProgramFacts) are searched too (directory.search.program_index).
INSTALLED_BY = {
    "directory_facility": ("directory", TRIGGERS_MIGRATION),
    "directory_service": ("directory", TRIGGERS_MIGRATION),
    "programs_programfacts": ("programs", "0002_search_revision_triggers"),
}
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


def expected_triggers(vendor: str, tables: tuple[str, ...] = WATCHED_TABLES) -> dict[str, str]:
    """Trigger name -> the CREATE TRIGGER statement, for this database."""
    wanted = {}
    for table in tables:
        if vendor == "postgresql":
            run = "FOR EACH STATEMENT EXECUTE FUNCTION directory_search_revision_bump()"
            wanted[f"{table}_revision_write"] = f"AFTER INSERT OR DELETE OR UPDATE ON {table} {run}"
            wanted[f"{table}_revision_truncate"] = f"AFTER TRUNCATE ON {table} {run}"
        else:
            for event in ("INSERT", "UPDATE", "DELETE"):
                wanted[f"{table}_revision_{event.lower()}"] = f"AFTER {event} ON {table} BEGIN {_SQLITE_BUMP} END"
    return {name: f"CREATE TRIGGER {name} {body}" for name, body in wanted.items()}


def table_of(trigger: str) -> str:
    return next(table for table in WATCHED_TABLES if trigger.startswith(table))


def install_revision_triggers(schema_editor: Any) -> None:
    """(Re)create the triggers of the watched tables that exist yet; safe to run again."""
    postgres = schema_editor.connection.vendor == "postgresql"
    if postgres:
        schema_editor.execute(_POSTGRES_FUNCTION)
    for name in _OLD_TRIGGERS:
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {name}" + (" ON directory_facility" if postgres else ""))
    # An earlier migration of the directory runs before the programs table is made; its own migration follows.
    existing = set(schema_editor.connection.introspection.table_names())
    tables = tuple(table for table in WATCHED_TABLES if table in existing)
    for name, statement in expected_triggers(schema_editor.connection.vendor, tables).items():
        table = table_of(name)
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {name}" + (f" ON {table}" if postgres else ""))
        schema_editor.execute(statement)


def missing_revision_triggers() -> list[str]:
    """Names of the triggers that are absent, of the tables whose migration installed them; [] when all are."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT tgname FROM pg_trigger WHERE NOT tgisinternal")
        else:
            cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
        installed = {row[0] for row in cursor.fetchall()}
    return [name for name in expected_triggers(connection.vendor, _tables_ready()) if name not in installed]


def _tables_ready() -> tuple[str, ...]:
    """The watched tables that exist and whose triggers a migration has installed."""
    from django.db.migrations.recorder import MigrationRecorder

    existing = set(connection.introspection.table_names())
    applied = MigrationRecorder(connection).applied_migrations()
    return tuple(table for table in WATCHED_TABLES if table in existing and INSTALLED_BY[table] in applied)


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
