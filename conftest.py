"""Shared test set-up: the real SAMHSA files, and the 2023 directory imported once.

The test database of each session holds the real 2023 national directory;
every test runs inside a transaction that is rolled back, so tests may change
or empty the directory freely.
"""

import os
from pathlib import Path

import pytest
from django.core.cache import cache
from django.utils import translation

SAMHSA_DIR = Path(os.environ.get("SAMHSA_DATA_DIR", Path(__file__).resolve().parent.parent / "shared/data/samhsa"))
DIRECTORY_2023 = SAMHSA_DIR / "national-directory-su-facilities-2023.xlsx"
DIRECTORY_2022 = SAMHSA_DIR / "National_Directory_SA_Facilities_2022.xlsx"
FINDTREATMENT_SAMPLE = SAMHSA_DIR / "findtreatment-api-sample-2019.json"
LEGEND_CSV = SAMHSA_DIR / "service-codes-su-2023.csv"


def pytest_sessionstart(session: pytest.Session) -> None:
    if not DIRECTORY_2023.is_file():
        raise pytest.UsageError(
            f"The SAMHSA files are not at {SAMHSA_DIR}: check out ../shared beside the project or set SAMHSA_DATA_DIR."
        )


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    from django.test import override_settings

    from imports.services import import_directory

    # The HSDS datapackage is built by the tests that check it, not after every import.
    with django_db_blocker.unblock(), override_settings(HSDS_DATAPACKAGE_AFTER_IMPORT=False):
        import_directory(source=str(DIRECTORY_2023))


@pytest.fixture(scope="session", autouse=True)
def _jinja2_context_for_the_test_client():
    """Django's test client keeps the context of Django templates (response.context); keep Jinja2's too,
    so tests read what the search page's templates (directory/jinja2/) were given."""
    from django.template.backends.jinja2 import Template
    from django.test.signals import template_rendered

    render = Template.render

    def render_and_tell(self, context=None, request=None):
        context = {} if context is None else context
        output = render(self, context, request)  # adds the request and the context processors to `context`
        template_rendered.send(sender=self, template=self, context=context)
        return output

    Template.render = render_and_tell  # type: ignore[method-assign]
    yield
    Template.render = render  # type: ignore[method-assign]


def transactional(item: pytest.Item) -> bool:
    # pytest-django makes every live_server test transactional, whatever its marker says.
    if "live_server" in getattr(item, "fixturenames", ()):
        return True
    marker = item.get_closest_marker("django_db")
    return bool(marker and (marker.kwargs.get("transaction") or "transaction=True" in str(marker.args)))


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Run transactional tests last: they end by emptying every table.

    `make test` runs the suite in two processes (pytest-xdist, -n 2), each with its own test
    database. Its default `--dist load` hands the tests out in this order, so each process, too,
    runs all its other tests before its transactional ones. (`--dist loadscope`, `loadfile` and
    `loadgroup` send larger groups first, out of this order; `loadgroup` cannot name a test's
    group under pytest 9 anyway.)"""
    items.sort(key=transactional)


@pytest.fixture(autouse=True)
def _audit_log_emptied_before_a_flush(request):
    """A transactional test ends by emptying every table, which the audit log's triggers refuse while it has
    entries (intake migration 0003): remove them first under the purge's permit."""
    if not transactional(request.node):
        yield
        return
    request.getfixturevalue("transactional_db")  # set up first, so emptied after this fixture's teardown
    yield
    from intake.audit_retention import delete_audit_entries
    from intake.models import AuditEntry

    delete_audit_entries(AuditEntry.objects.all())


@pytest.fixture
def seeded_transactional_db(transactional_db, settings):
    """A database whose writes other threads (a live server) can see, with the directory loaded.

    Transactional tests run last (see above) because each ends by emptying the
    database; the first of them after a flush loads the directory again: from
    the workbook the first time, then from the rows that import wrote, kept
    in memory (_DirectoryRows), which takes a tenth of the time.
    """
    from directory.geocoding import load_places
    from directory.models import Facility
    from imports.services import import_directory

    settings.HSDS_DATAPACKAGE_AFTER_IMPORT = False
    if Facility.objects.exists():
        load_places()
        return
    if _DirectoryRows.held is not None and _DirectoryRows.held.restore():
        return
    before = _DirectoryRows.counts()
    load_places()
    import_directory(source=str(DIRECTORY_2023))
    _DirectoryRows.held = _DirectoryRows.taken(before)


class _DirectoryRows:
    """Every row that loading the ZIP places and importing the directory wrote into an emptied database,
    as the database itself gives them (PostgreSQL's COPY text, SQLite's values), to write back as they were."""

    held: "_DirectoryRows | None" = None
    # Its token is renewed by the triggers as the facilities are written back: never an old one again.
    REVISION_TABLE = "directory_searchrevision"

    def __init__(self, tables: dict[str, tuple[list[str], object]]) -> None:
        self.tables = tables

    @staticmethod
    def counts() -> dict[str, int]:
        from django.db import connection

        with connection.cursor() as cursor:
            names = connection.introspection.django_table_names(only_existing=True, include_views=False)
            return {name: _count(cursor, name) for name in names}

    @classmethod
    def taken(cls, before: dict[str, int]) -> "_DirectoryRows | None":
        """The rows of the tables the load wrote, if it wrote only into empty tables (else None: import again)."""
        from django.db import connection

        written = [name for name, count in cls.counts().items() if count != before.get(name)]
        if any(before.get(name) for name in written):
            return None
        with connection.cursor() as cursor:
            return cls({name: _read_rows(cursor, name) for name in written if name != cls.REVISION_TABLE})

    def restore(self) -> bool:
        """Write the rows back into their tables if all are empty; False (nothing written) otherwise."""
        from django.apps import apps
        from django.core.management.color import no_style
        from django.db import connection, transaction

        with transaction.atomic(), connection.cursor() as cursor:
            if any(_count(cursor, name) for name in self.tables):
                return False
            for name, (columns, rows) in self.tables.items():
                _write_rows(cursor, name, columns, rows)
            models = [model for model in apps.get_models() if model._meta.db_table in self.tables]
            for statement in connection.ops.sequence_reset_sql(no_style(), models):
                cursor.execute(statement)
        return True


def _count(cursor, table: str) -> int:
    from django.db import connection

    cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")  # noqa: S608  # nosec B608: a table name Django gave, quoted
    return cursor.fetchone()[0]


def _read_rows(cursor, table: str) -> tuple[list[str], object]:
    from django.db import connection

    quoted = connection.ops.quote_name(table)
    if connection.vendor == "postgresql":
        with cursor.cursor.copy(f"COPY {quoted} TO STDOUT") as copy:
            return [], b"".join(bytes(block) for block in copy)
    cursor.execute(f"SELECT * FROM {quoted}")  # noqa: S608  # nosec B608: table and column names Django gave, quoted
    return [column[0] for column in cursor.description], cursor.fetchall()


def _write_rows(cursor, table: str, columns: list[str], rows) -> None:
    from django.db import connection

    quoted = connection.ops.quote_name(table)
    if connection.vendor == "postgresql":
        with cursor.cursor.copy(f"COPY {quoted} FROM STDIN") as copy:
            copy.write(rows)
        return
    names = ", ".join(connection.ops.quote_name(column) for column in columns)
    marks = ", ".join(["%s"] * len(columns))
    cursor.executemany(f"INSERT INTO {quoted} ({names}) VALUES ({marks})", rows)  # noqa: S608  # nosec B608: table and column names Django gave, quoted


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts in English: a request in Spanish leaves its language active in the thread."""
    yield
    translation.deactivate()


@pytest.fixture
def empty_directory(db):
    """The database as a new site has it: ZIP places, but no listings or imports."""
    from directory.models import Facility, Service, ServiceCategory
    from imports.models import ImportRun, SourceRecord

    SourceRecord.objects.all().delete()
    Facility.objects.all().delete()
    Service.objects.all().delete()
    ServiceCategory.objects.all().delete()
    ImportRun.objects.all().delete()


# ------------------------------------------------------------ browser tests
# Playwright drives Debian's Chromium (test tools cannot download browsers
# here). Its sync API runs an event loop in the test thread, which Django
# would otherwise mistake for async code touching the database.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
        ],
    }  # fmt: skip


@pytest.fixture
def axe_violations():
    """Run axe-core (WCAG 2.2 A and AA rules) on a page; returns the violations."""
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()

    def check(page) -> list[dict]:
        options = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]}}
        results = axe.run(page, options=options)
        return results.response["violations"]

    return check
