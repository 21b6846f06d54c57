"""Killing an import at any moment leaves the previous directory whole and serving."""

import signal
import sqlite3
import time

import pytest

from conftest import DIRECTORY_2022, DIRECTORY_2023
from imports.tests.processes import manage, scratch_database, start_manage

pytestmark = pytest.mark.django_db

COUNTS = (
    "from directory.models import Facility; from imports.models import ImportRun; "
    "print(Facility.objects.filter(published=True).count(), Facility.objects.count(), "
    "list(ImportRun.objects.order_by('pk').values_list('status', flat=True)))"
)


def shell(database_url: str, code: str) -> str:
    done = manage(database_url, "shell", "-c", code)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip().splitlines()[-1]


def runs_in_progress(database_url: str) -> int:
    query = "SELECT count(*) FROM imports_importrun WHERE status = 'running'"
    if database_url.startswith("sqlite:///"):
        with sqlite3.connect(database_url.removeprefix("sqlite:///"), timeout=10) as db:
            return db.execute(query).fetchone()[0]
    import psycopg

    with psycopg.connect(database_url) as db:
        return db.execute(query).fetchone()[0]  # type: ignore[index]


# Seconds after the run record appears: while reading the file, and while writing.
@pytest.mark.parametrize("seconds", [0.2, 2.4])
def test_a_killed_import_leaves_the_previous_edition_and_is_marked_failed(tmp_path, seconds):
    with scratch_database(tmp_path) as database_url:
        first = manage(database_url, "import_directory", str(DIRECTORY_2022))
        assert first.returncode == 0, first.stderr
        before = shell(database_url, COUNTS)

        importing = start_manage(database_url, "import_directory", str(DIRECTORY_2023))
        while not runs_in_progress(database_url):
            assert importing.poll() is None, "the import ended before it could be killed"
            time.sleep(0.05)
        time.sleep(seconds)
        importing.send_signal(signal.SIGKILL)
        importing.wait(timeout=30)
        assert importing.returncode == -signal.SIGKILL

        assert shell(database_url, COUNTS).split(" ")[:2] == before.split(" ")[:2]

        # The next import notices the dead run, marks it failed, then does its work.
        again = manage(database_url, "import_directory", str(DIRECTORY_2023))
        assert again.returncode == 0, again.stderr
        published, _, statuses = shell(database_url, COUNTS).split(" ", 2)
        assert published == "12744"
        assert statuses == "['succeeded', 'failed', 'succeeded']"
