"""Readers that turn a source file into plain rows, knowing nothing of the database.

Two formats: SAMHSA's National Directory workbook (2023 capitalised headers,
2022 lower-case), read here, and FindTreatment.gov locator API JSON
(imports.findtreatment). Any file that is not what it claims to be raises
ImportFileError with one plain sentence before anything is written; rows that
cannot be right are rejected with their reason (imports.row_checks).
"""

from __future__ import annotations

import csv
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import openpyxl
from openpyxl.utils.exceptions import InvalidFileException

from imports.row_checks import address_problem, length_problem, phone_problem

FACILITY_SHEET = "facilities list"
LEGEND_SHEET = "service code reference"
FACILITY_COLUMNS = (
    "name1", "name2", "street1", "street2", "city", "state", "zip",
    "phone", "intake1", "intake2", "intake1a", "intake2a", "service_code_info",
)  # fmt: skip
LEGEND_COLUMNS = ("category_code", "category_name", "service_code", "service_name", "service_description")


class ImportFileError(Exception):
    """The file cannot be imported; the message says why in one sentence."""


@dataclass(frozen=True)
class LegendEntry:
    category_code: str
    category_name: str
    code: str
    name: str
    description: str


@dataclass(frozen=True)
class SourceRow:
    row_number: int
    name: str
    program_name: str
    street1: str
    street2: str
    city: str
    state: str
    zip_code: str
    phone: str
    intake_phones: tuple[str, ...]
    service_codes: tuple[str, ...]
    hotline: str = ""
    website: str = ""
    latitude: float | None = None
    longitude: float | None = None
    source_ref: str = ""


@dataclass(frozen=True)
class Rejection:
    row_number: int
    reason: str


@dataclass
class SourceDocument:
    dataset: str
    legend: list[LegendEntry]
    rows: list[SourceRow] = field(default_factory=list)
    rejections: list[Rejection] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    edition_hint: int | None = None

    @property
    def rows_read(self) -> int:
        return len(self.rows) + len(self.rejections)


def text(value: Any) -> str:
    """A cell as clean text: None becomes "", runs of white space one space."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(str(value).split())


ZIP_RE = re.compile(r"^(\d{5})(?:-?\d{4})?$")


def zip5(raw: Any) -> str:
    value = text(raw)
    if value.isdigit() and len(value) < 5:
        value = value.zfill(5)  # a ZIP stored as a number lost its leading zeros
    match = ZIP_RE.match(value)
    return match.group(1) if match else ""


def source_row(number: int, name_and_address: dict[str, str], **facts: Any) -> SourceRow:
    """A row from its name and address columns (name, program_name, street1, street2, city) and its other facts."""
    return SourceRow(
        row_number=number,
        name=name_and_address["name"],
        program_name=name_and_address["program_name"],
        street1=name_and_address["street1"],
        street2=name_and_address["street2"],
        city=name_and_address["city"],
        **facts,
    )


def phones(*values: Any) -> tuple[str, ...]:
    seen: list[str] = []
    for value in values:
        phone = text(value)
        if phone and phone not in seen:
            seen.append(phone)
    return tuple(seen)


# ---------------------------------------------------------------- workbook


def _open_workbook(path: Path) -> Any:
    try:
        return openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, EOFError):
        raise ImportFileError(f"{path.name} is not a readable Excel workbook (.xlsx): it may be truncated.") from None
    except (OSError, ValueError) as error:
        raise ImportFileError(f"{path.name} could not be read as a workbook: {error}") from None


def _sheet(workbook: Any, wanted: str, path: Path) -> Any:
    for name in workbook.sheetnames:
        if name.strip().lower() == wanted:
            return workbook[name]
    raise ImportFileError(
        f"{path.name} has no sheet named {wanted.title()!r} (it has: {', '.join(workbook.sheetnames)})."
    )


def _header_index(header: tuple[Any, ...], required: tuple[str, ...], sheet: str) -> dict[str, int]:
    names = [text(cell).lower() for cell in header]
    missing = [column for column in required if column not in names]
    if missing:
        raise ImportFileError(f"Sheet {sheet!r} lacks the column(s) {', '.join(missing)}.")
    return {column: names.index(column) for column in required}


def _nonblank_rows(sheet: Any) -> Iterator[tuple[int, tuple[Any, ...]]]:
    for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
        if any(value not in (None, "") for value in values):
            yield number, values


def read_legend_sheet(sheet: Any, path: Path) -> list[LegendEntry]:
    rows = _nonblank_rows(sheet)
    header = next(rows, None)
    if header is None:
        raise ImportFileError(f"The service code sheet of {path.name} is empty.")
    at = _header_index(header[1], LEGEND_COLUMNS, "Service Code Reference")
    legend = [
        LegendEntry(*(text(values[at[column]]) if at[column] < len(values) else "" for column in LEGEND_COLUMNS))
        for _, values in rows
    ]
    legend = [entry for entry in legend if entry.code and entry.category_code]
    if not legend:
        raise ImportFileError(f"The service code sheet of {path.name} defines no codes.")
    return legend


def read_workbook(path: Path) -> SourceDocument:
    workbook = _open_workbook(path)
    try:
        legend = read_legend_sheet(_sheet(workbook, LEGEND_SHEET, path), path)
        rows = _nonblank_rows(_sheet(workbook, FACILITY_SHEET, path))
        header = next(rows, None)
        if header is None:
            raise ImportFileError(f"The facility sheet of {path.name} is empty.")
        at = _header_index(header[1], FACILITY_COLUMNS, "Facilities List")
        known_codes = {entry.code for entry in legend}
        created = workbook.properties.created
        document = SourceDocument(dataset="samhsa-nd", legend=legend, edition_hint=created.year if created else None)
        width = max(at.values()) + 1
        for number, values in rows:
            values = tuple(values) + (None,) * (width - len(values))
            _read_workbook_row(document, number, {column: values[i] for column, i in at.items()}, known_codes)
    except (zipfile.BadZipFile, EOFError, OSError):
        raise ImportFileError(f"{path.name} is damaged: the workbook could not be read to the end.") from None
    finally:
        workbook.close()
    refuse_unless_substance_use_directory(document, path)
    return document


# SAMHSA's substance use types of care (legend category TC): substance use
# treatment, detoxification, and halfway or sober housing. Nearly every row of
# the substance use directory has one (12,603 of 12,744 in 2023); SAMHSA's
# mental health directory, in the same layout, lists mental health care instead.
TYPE_OF_CARE = "TC"
SUBSTANCE_USE_CARE = frozenset({"SA", "DT", "HH"})


def refuse_unless_substance_use_directory(document: SourceDocument, path: Path) -> None:
    """Tell what a workbook is before anything is written: the substance use directory, or a refusal."""
    rows = document.rows
    if not rows:
        return  # nothing usable: the import's own guards say so with the rejected rows
    care = {entry.code: entry.name for entry in document.legend if entry.category_code == TYPE_OF_CARE}
    substance_use = sum(1 for row in rows if SUBSTANCE_USE_CARE.intersection(row.service_codes))
    if SUBSTANCE_USE_CARE & care.keys() and substance_use * 2 >= len(rows):
        return
    mental_health_codes = {
        code for code, name in care.items() if "mental health" in name.lower() and "substance" not in name.lower()
    }
    mental_health = sum(1 for row in rows if mental_health_codes.intersection(row.service_codes))
    if mental_health * 2 >= len(rows):
        raise ImportFileError(
            f"{path.name} is SAMHSA's directory of mental health treatment facilities "
            f"({mental_health:,} of {len(rows):,} listings give mental health treatment as their type of care): "
            "IOP Finder imports the substance use directory only; nothing was changed."
        )
    raise ImportFileError(
        f"{path.name} is not a substance use treatment directory: {substance_use:,} of {len(rows):,} listings give "
        "substance use treatment, detox or recovery housing as their type of care; nothing was changed."
    )


def _read_workbook_row(document: SourceDocument, number: int, cells: dict[str, Any], known: set[str]) -> None:
    values = {
        "name": text(cells["name1"]), "program_name": text(cells["name2"]),
        "street1": text(cells["street1"]), "street2": text(cells["street2"]), "city": text(cells["city"]),
    }  # fmt: skip
    state, zip_code, phone = text(cells["state"]).upper(), zip5(cells["zip"]), text(cells["phone"])
    intake = phones(cells["intake1"], cells["intake2"], cells["intake1a"], cells["intake2a"])
    problem = (
        address_problem(values["name"], values["city"], state, zip_code)
        or length_problem(values)
        or phone_problem(phone, *intake)
    )
    codes = tuple(code for code in text(cells["service_code_info"]).split() if code != "*")
    unknown = sorted({code for code in codes if code not in known})
    if unknown:
        problem = problem or f"service code(s) not in the legend: {', '.join(unknown)}"
    if problem:
        document.rejections.append(Rejection(number, problem))
        return
    document.rows.append(
        source_row(
            number,
            values,
            state=state,
            zip_code=zip_code,
            phone=phone,
            intake_phones=intake,
            service_codes=tuple(dict.fromkeys(codes)),
        )
    )


# ------------------------------------------------------------ legend CSV


def read_legend_file(path: Path) -> list[LegendEntry]:
    """A legend on its own: the workbook's sheet, or the same columns as CSV."""
    if zipfile.is_zipfile(path):
        workbook = _open_workbook(path)
        try:
            return read_legend_sheet(_sheet(workbook, LEGEND_SHEET, path), path)
        finally:
            workbook.close()
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.DictReader(handle)
            missing = [column for column in LEGEND_COLUMNS if column not in (reader.fieldnames or [])]
            if missing:
                raise ImportFileError(f"{path.name} lacks the legend column(s) {', '.join(missing)}.")
            return [LegendEntry(*(text(row[column]) for column in LEGEND_COLUMNS)) for row in reader]
    except UnicodeDecodeError:
        raise ImportFileError(f"{path.name} is not UTF-8 text.") from None


def read_source(path: Path, legend: list[LegendEntry] | None = None) -> SourceDocument:
    """Read any supported file, told apart by its content, not its name."""
    try:
        with path.open("rb") as handle:
            head = handle.read(64)
    except OSError as error:
        raise ImportFileError(f"{path} cannot be opened: {error.strerror}.") from None
    if not head:
        raise ImportFileError(f"{path.name} is empty.")
    if head.startswith(b"PK"):
        return read_workbook(path)
    if head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith((b"{", b"[")):
        if not legend:
            raise ImportFileError(
                "FindTreatment.gov JSON names services by label: import a National Directory "
                "workbook first, or give its legend with --legend."
            )
        from imports.findtreatment import read_findtreatment_json

        return read_findtreatment_json(path, legend)
    raise ImportFileError(f"{path.name} is neither an Excel workbook (.xlsx) nor FindTreatment.gov JSON.")
