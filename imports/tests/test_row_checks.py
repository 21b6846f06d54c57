"""Rows that cannot be right are rejected with a reason; siblings keep their own public IDs."""

import pytest
from openpyxl import load_workbook

from conftest import DIRECTORY_2023
from directory.models import Facility
from imports.identity import content_hash, identity_keys
from imports.readers import SourceRow
from imports.row_checks import is_phone_number, web_address
from imports.services import import_directory
from imports.tests.workbooks import facility_row, write_workbook

pytestmark = pytest.mark.django_db

BAD_ROWS = {
    "ZZ": ({"State": "ZZ"}, "not a US state or territory"),
    "zip": ({"Zip": "00000"}, "ZIP code 00000"),
    "script": ({"Phone": "javascript:alert(1)"}, "is not a phone number"),
    "prose": ({"Intake1": "call the front desk"}, "is not a phone number"),
    "long name": ({"Name1": "A" * 10_000}, "name is longer than 300 characters"),
    "long city": ({"City": "B" * 500}, "city is longer than 120 characters"),
}


def test_rows_that_cannot_be_right_are_rejected_with_their_reason(empty_directory, tmp_path):
    good = [facility_row(n) for n in range(1, 6)]
    bad = [facility_row(100 + i, **changes) for i, (changes, _) in enumerate(BAD_ROWS.values())]
    run = import_directory(source=str(write_workbook(tmp_path / "d-2023.xlsx", extra_rows=good + bad)))
    assert run.added == len(good) and run.rejected == len(bad)
    reasons = [row["reason"] for row in run.rejected_rows]
    for (_, expected), reason in zip(BAD_ROWS.values(), reasons, strict=True):
        assert expected in reason
    assert not Facility.objects.filter(state="ZZ").exists()
    assert not Facility.objects.filter(phone__startswith="javascript").exists()


def test_every_state_and_territory_of_the_real_directory_is_accepted():
    book = load_workbook(DIRECTORY_2023, read_only=True)
    rows = book["Facilities List"].iter_rows(min_row=2, values_only=True)
    in_the_file = {str(row[5]).strip().upper() for row in rows if row[5]}
    book.close()
    assert len(in_the_file) > 50
    assert set(Facility.objects.values_list("state", flat=True)) == in_the_file


@pytest.mark.parametrize(
    ("raw", "dialable"),
    [
        ("928-783-9362 x101", True), ("1-800-662-HELP", True), ("(530) 694-2281 ext. 239", True),
        ("javascript:alert(1)", False), ("<script>", False), ("n/a", False), ("12", False),
    ],
)  # fmt: skip
def test_it_tells_a_phone_number_from_anything_else(raw, dialable):
    assert is_phone_number(raw) is dialable


def test_a_website_gets_a_scheme_and_script_is_refused():
    assert web_address("www.example.org") == ("http://www.example.org", "")
    assert web_address("javascript:alert(1)")[1]
    assert web_address("")[0] == ""


def sibling(line: str, row_number: int) -> SourceRow:
    return SourceRow(
        row_number, "Alpine County Behavioral Health", "", "75-C Diamond Valley Road", "", "Markleeville", "CA",
        "96120", line, (), ("SA", "OIT"),
    )  # fmt: skip


def test_siblings_sharing_name_and_address_keep_their_keys_whatever_the_order():
    first = [sibling("530-694-1816", 1), sibling("530-694-1816 x239", 2)]
    later = [sibling("(530) 694-1816 ext. 239", 7), sibling("530 694 1816", 9)]
    keys_first = {row.phone: key for key, row in identity_keys(first, {r.row_number: content_hash(r) for r in first})}
    keys_later = {row.phone: key for key, row in identity_keys(later, {r.row_number: content_hash(r) for r in later})}
    assert keys_first["530-694-1816 x239"] == keys_later["(530) 694-1816 ext. 239"]
    assert keys_first["530-694-1816"] == keys_later["530 694 1816"]
    assert len(set(keys_first.values())) == 2
