"""Every write to the directory renews its revision, and a missing trigger stops the site at start-up."""

from types import SimpleNamespace

import pytest
from django.db import connection

from directory.models import Facility, Service
from directory.revision import cached_on_revision, directory_revision
from directory.search.triggers import (
    check_revision_triggers,
    expected_triggers,
    install_revision_triggers,
    table_of,
)

pytestmark = pytest.mark.django_db


def drop_trigger(name: str, table: str) -> None:
    on_table = f" ON {table}" if connection.vendor == "postgresql" else ""
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TRIGGER {name}{on_table}")


def test_the_check_passes_on_a_migrated_database():
    assert check_revision_triggers() == []


@pytest.mark.parametrize("name", sorted(expected_triggers(connection.vendor)))
def test_the_check_names_a_missing_trigger_until_it_is_installed_again(name):
    drop_trigger(name, table_of(name))
    errors = check_revision_triggers()
    assert [error.id for error in errors] == ["directory.E001"]
    assert name in errors[0].msg
    # SQLite's schema editor refuses to open inside the test's transaction; the statements are plain SQL.
    with connection.cursor() as cursor:
        install_revision_triggers(SimpleNamespace(connection=connection, execute=cursor.execute))
    assert check_revision_triggers() == []


def test_a_staff_edit_of_any_column_renews_the_revision():
    before = directory_revision()
    facility = Facility.objects.filter(published=True).earliest("pk")
    facility.phone = "713-555-0100"
    facility.save(update_fields=["phone"])
    assert directory_revision() not in ("", before)


def test_a_legend_change_renews_the_revision_and_what_was_cached_on_it():
    counted = cached_on_revision("services", Service.objects.count)
    Service.objects.filter(code="OIT").update(name="Intensive outpatient treatment (IOP)")
    assert cached_on_revision("services", lambda: -1) == -1 != counted
