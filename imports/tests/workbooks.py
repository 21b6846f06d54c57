"""Small National Directory workbooks for tests, in the real layout and legend."""

import csv
from pathlib import Path

from openpyxl import Workbook

from conftest import LEGEND_CSV

HEADER = ["Name1", "Name2", "Street1", "Street2", "City", "State", "Zip", "Phone",
          "Intake1", "Intake2", "Intake1a", "Intake2a", "Service_code_info"]  # fmt: skip


def facility_row(number: int, **changes: object) -> list[object]:
    row: dict[str, object] = {
        "Name1": f"Test Recovery Center {number}", "Name2": "Outpatient", "Street1": f"{number} Main Street",
        "Street2": None, "City": "Houston", "State": "TX", "Zip": "77002", "Phone": "713-555-0100 x12",
        "Intake1": "713-555-0199", "Intake2": None, "Intake1a": None, "Intake2a": None,
        "Service_code_info": "SA * OIT ORT * MD PI SF",
    }  # fmt: skip
    row.update(changes)
    return [row[column] for column in HEADER]


def write_workbook(
    path: Path,
    *,
    rows: int = 0,
    extra_rows: list[list[object]] | None = None,
    header: list[str] = HEADER,
    legend: bool = True,
) -> Path:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Facilities List"
    sheet.append(header)
    for number in range(1, rows + 1):
        sheet.append(facility_row(number))
    for row in extra_rows or []:
        sheet.append(row)
    if legend:
        codes = book.create_sheet("Service Code Reference")
        with LEGEND_CSV.open(encoding="utf-8") as handle:
            reader = csv.reader(handle)
            for line in reader:
                codes.append(line)
    book.save(path)
    return path
