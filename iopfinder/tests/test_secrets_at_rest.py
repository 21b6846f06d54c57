"""Secrets at rest: the SQLite file is its owner's alone, and workbooks are read through defusedxml."""

import os
import stat
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from imports.tests.workbooks import write_workbook

PROJECT = Path(__file__).resolve().parents[2]

WRITE_SOMETHING = """
import django
django.setup()
from django.db import connection
with connection.cursor() as cursor:
    cursor.execute("CREATE TABLE probe (x integer)")
    cursor.execute("INSERT INTO probe VALUES (1)")
"""


def test_the_sqlite_database_and_its_journal_are_created_readable_by_their_owner_only(tmp_path):
    database = tmp_path / "var" / "site.sqlite3"
    env = {
        **os.environ,
        "DEBUG": "true",
        "DATABASE_URL": f"sqlite:///{database}",
        "DJANGO_SETTINGS_MODULE": "iopfinder.settings",
    }
    subprocess.run(
        [sys.executable, "-c", WRITE_SOMETHING], cwd=PROJECT, env=env, check=True, timeout=60, capture_output=True
    )
    created = [database, *database.parent.glob("site.sqlite3-*")]
    assert database.is_file()
    for path in created:
        assert stat.S_IMODE(path.stat().st_mode) & 0o077 == 0, f"{path.name} is readable by others"
    assert stat.S_IMODE(database.parent.stat().st_mode) & 0o077 == 0


def test_openpyxl_parses_through_defusedxml():
    from openpyxl.xml import DEFUSEDXML

    assert DEFUSEDXML


BOMB = (
    '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    '<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>'
)


@pytest.mark.django_db
def test_a_workbook_with_xml_entities_is_refused_with_a_message_not_expanded(tmp_path, empty_directory):
    plain = write_workbook(tmp_path / "plain.xlsx", rows=2)
    hostile = tmp_path / "hostile.xlsx"
    with zipfile.ZipFile(plain) as source, zipfile.ZipFile(hostile, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/workbook.xml":  # read when the workbook opens
                body = data.split(b"?>", 1)[1] if data.startswith(b"<?xml") else data
                data = BOMB.encode() + body
            target.writestr(item, data)
    with pytest.raises(CommandError, match="could not be read as a workbook"):
        call_command("import_directory", str(hostile))
