"""backup_database and restore_database, done for real: a copy of the directory with a coverage request in it
is backed up, restored into a fresh database, counted table by table, and the request read back."""

from __future__ import annotations

import json
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from cryptography.fernet import Fernet

from operations.backup import BackupError, restore_database
from operations.tests.stack import database_copy, empty_database, manage, production_environment, run_manage

# Every test is a database test, so that pytest-django keeps them together and the module restores once.
pytestmark = pytest.mark.django_db

ADD_SENTINEL = """
import datetime
from intake.services import coverage_request_create
coverage_request_create(
    full_name="Backup Sentinel", date_of_birth=datetime.date(1960, 1, 2), phone="+12125550199", email="",
    contact_time="morning", state="NY", carrier="aetna", member_id="SENTINEL-1", facility=None,
    contact_consent=True, share_consent=False,
)
"""

DESCRIBE = """
import json
from django.apps import apps
from intake.models import CoverageRequest
counts = {model._meta.label: model.objects.count() for model in apps.get_models() if not model._meta.proxy}
try:
    names = sorted(request.full_name for request in CoverageRequest.objects.all())
except Exception as error:
    names = "unreadable: " + type(error).__name__
print(json.dumps({"counts": counts, "names": names}))
"""


@dataclass
class Restored:
    source: dict[str, str]
    source_before_backup: dict
    restored: dict[str, str]
    backup: Path


def describe(env: dict[str, str], *, first: str = "") -> dict:
    """What the database DATABASE_URL names holds: rows per table, and the coverage requests' names as read."""
    return json.loads(manage(env, "shell", "-c", first + DESCRIBE).stdout.splitlines()[-1])


@pytest.fixture(scope="module")
def restored(django_db_setup, django_db_blocker) -> Iterator[Restored]:
    with tempfile.TemporaryDirectory(prefix="iopfinder-backup-") as scratch:
        folder = Path(scratch)
        with django_db_blocker.unblock(), database_copy("backup_source", folder) as source_url:
            source = production_environment(source_url)
            backup = folder / "site.backup"
            # One process (Django starts in seconds here): add the request, then describe the database.
            before = describe(source, first=ADD_SENTINEL)
            manage(source, "backup_database", str(backup))
            with empty_database("backup_restored", folder) as restored_url:
                # The same keys, kept apart from the backup, as the README tells.
                target = {**source, "DATABASE_URL": restored_url}
                manage(target, "restore_database", str(backup))
                yield Restored(source, before, target, backup)


def test_a_restored_database_has_every_row_of_every_table(restored):
    before, after = restored.source_before_backup["counts"], describe(restored.restored)["counts"]
    assert before["directory.Facility"] > 10_000 and before["intake.CoverageRequest"] == 1
    # The backup holds one row more: its own run on the jobs page, opened before the dump.
    assert after == {**before, "operations.JobRun": before["operations.JobRun"] + 1}


def test_the_coverage_request_in_a_restored_database_reads_back_with_the_same_keys(restored):
    assert describe(restored.restored)["names"] == ["Backup Sentinel"]


def test_without_the_encryption_keys_a_restored_request_can_never_be_read(restored):
    other_keys = {**restored.restored, "FIELD_ENCRYPTION_KEYS": Fernet.generate_key().decode()}
    assert describe(other_keys)["names"].startswith("unreadable")


def test_restoring_over_a_database_that_has_tables_is_refused_without_replace(restored):
    refused = run_manage(restored.source, "restore_database", str(restored.backup))
    assert refused.returncode == 1
    assert "already has tables" in refused.stderr
    assert describe(restored.source)["names"] == ["Backup Sentinel"]


def test_a_file_that_is_not_a_backup_is_refused_before_anything_is_touched(tmp_path):
    junk = tmp_path / "notes.txt"
    junk.write_text("not a database")
    with pytest.raises(BackupError, match="unknown backup"):
        restore_database(junk)
