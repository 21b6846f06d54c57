"""Every kind of bad file gets one clear error line, a failed run record, and no change."""

import json
import zipfile

import pytest
from django.core.management import CommandError, call_command
from openpyxl import load_workbook

from conftest import DIRECTORY_2023
from directory.models import Facility
from imports.models import ImportRun
from imports.tests.processes import manage, scratch_database
from imports.tests.workbooks import HEADER, facility_row, write_workbook

pytestmark = pytest.mark.django_db


def assert_refused(source: str, message: str) -> None:
    published = set(Facility.objects.filter(published=True).values_list("public_id", "content_hash"))
    with pytest.raises(CommandError, match=message) as refusal:
        call_command("import_directory", source)
    assert "\n" not in str(refusal.value)
    assert set(Facility.objects.filter(published=True).values_list("public_id", "content_hash")) == published
    run = ImportRun.objects.latest()
    assert run.status == "failed" and run.error


def test_it_refuses_a_file_that_is_not_a_workbook(tmp_path):
    fake = tmp_path / "directory.xlsx"
    fake.write_text("Name1,Name2\nAcme,\n")
    assert_refused(str(fake), "neither an Excel workbook")


def test_it_refuses_a_zip_that_is_not_a_workbook(tmp_path):
    archive = tmp_path / "directory.xlsx"
    with zipfile.ZipFile(archive, "w") as handle:
        handle.writestr("hello.txt", "hello")
    assert_refused(str(archive), "not a readable Excel workbook")


def test_it_refuses_a_truncated_workbook(tmp_path):
    truncated = tmp_path / "directory-2023.xlsx"
    truncated.write_bytes(DIRECTORY_2023.read_bytes()[:1_000_000])
    assert_refused(str(truncated), "not a readable Excel workbook")


def test_it_refuses_an_empty_file(tmp_path):
    empty = tmp_path / "directory.xlsx"
    empty.write_bytes(b"")
    assert_refused(str(empty), "is empty")


def test_it_refuses_a_workbook_without_the_service_code_sheet(tmp_path):
    assert_refused(
        str(write_workbook(tmp_path / "d.xlsx", rows=2, legend=False)), "no sheet named 'Service Code Reference'"
    )


def test_it_refuses_a_workbook_missing_a_column(tmp_path):
    header = [column for column in HEADER if column != "Zip"]
    assert_refused(str(write_workbook(tmp_path / "d.xlsx", header=header)), "lacks the column")


def test_it_refuses_a_workbook_without_facilities(tmp_path):
    book_path = write_workbook(tmp_path / "d.xlsx")
    book = load_workbook(book_path)
    book["Facilities List"].delete_rows(1)
    book.save(book_path)
    assert_refused(str(book_path), "facility sheet of d.xlsx is empty")


def test_it_refuses_json_that_is_not_utf8(tmp_path):
    latin = tmp_path / "locator.json"
    latin.write_bytes('{"rows": [{"name1": "Clínica"}]}'.encode("latin-1"))
    assert_refused(str(latin), "not UTF-8")


def test_it_refuses_truncated_json(tmp_path):
    broken = tmp_path / "locator.json"
    broken.write_text('{"rows": [{"name1": "Acme"')
    assert_refused(str(broken), "not valid JSON")


def test_it_refuses_json_without_rows(tmp_path):
    other = tmp_path / "locator.json"
    other.write_text(json.dumps({"facilities": []}))
    assert_refused(str(other), "no 'rows' list")


def test_it_refuses_a_url_that_cannot_be_reached():
    assert_refused("http://127.0.0.1:9/directory.xlsx", "could not be reached")


def test_it_refuses_a_path_that_does_not_exist():
    assert_refused("/nonexistent/directory.xlsx", "does not exist")


def test_bad_rows_are_rejected_with_their_row_number_and_reason(tmp_path, empty_directory):
    book = write_workbook(
        tmp_path / "directory-2024.xlsx",
        rows=4,
        extra_rows=[
            facility_row(90, Zip="ABCDE"),
            facility_row(91, State="Texas"),
            facility_row(92, Service_code_info="SA * OIT NOPE"),
            facility_row(1),  # every field the same as row 2
        ],
    )
    call_command("import_directory", str(book))
    run = ImportRun.objects.latest()
    assert (run.rows_read, run.added, run.rejected) == (8, 4, 4)
    assert run.rejected_rows == [
        {"row": 6, "reason": "no valid 5-digit ZIP code"},
        {"row": 7, "reason": "state 'TEXAS' is not a US state or territory"},
        {"row": 8, "reason": "service code(s) not in the legend: NOPE"},
        {"row": 9, "reason": "identical to row 2"},
    ]


def test_a_failed_import_exits_non_zero_with_one_plain_line(tmp_path):
    fake = tmp_path / "directory.xlsx"
    fake.write_text("not a workbook")
    with scratch_database(tmp_path) as database_url:
        done = manage(database_url, "import_directory", str(fake))
    assert done.returncode != 0
    assert done.stderr.strip().count("\n") == 0
    assert "Traceback" not in done.stderr and "neither an Excel workbook" in done.stderr


def test_an_import_is_quiet_when_not_on_a_terminal(tmp_path, capsys):
    call_command("import_directory", str(write_workbook(tmp_path / "d-2024.xlsx", rows=2)), "--allow-shrink")
    captured = capsys.readouterr()
    assert captured.err == ""
    assert captured.out.startswith("Import #") and captured.out.count("\n") == 1
