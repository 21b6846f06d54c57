"""Readers that turn a source file into plain rows, knowing nothing of the database.

Two formats: SAMHSA's National Directory workbook (2023 capitalised headers,
2022 lower-case) and FindTreatment.gov locator API JSON. Any file that is not
what it claims to be raises ImportFileError with one plain sentence.
"""

from __future__ import annotations

import csv
import json
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import openpyxl
from openpyxl.utils.exceptions import InvalidFileException

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
STATE_RE = re.compile(r"^[A-Z]{2}$")


def _zip5(raw: Any) -> str:
    value = text(raw)
    if value.isdigit() and len(value) < 5:
        value = value.zfill(5)  # a ZIP stored as a number lost its leading zeros
    match = ZIP_RE.match(value)
    return match.group(1) if match else ""


def _address_problem(name: str, city: str, state: str, zip_code: str) -> str:
    if not name:
        return "no facility name"
    if not city:
        return "no city"
    if not STATE_RE.match(state):
        return "no valid two-letter state"
    if not zip_code:
        return "no valid 5-digit ZIP code"
    return ""


def _phones(*values: Any) -> tuple[str, ...]:
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
    return document


def _read_workbook_row(document: SourceDocument, number: int, cells: dict[str, Any], known: set[str]) -> None:
    name, city, state, zip_code = (
        text(cells["name1"]), text(cells["city"]), text(cells["state"]).upper(), _zip5(cells["zip"])
    )  # fmt: skip
    problem = _address_problem(name, city, state, zip_code)
    codes = tuple(code for code in text(cells["service_code_info"]).split() if code != "*")
    unknown = sorted({code for code in codes if code not in known})
    if unknown:
        problem = problem or f"service code(s) not in the legend: {', '.join(unknown)}"
    if problem:
        document.rejections.append(Rejection(number, problem))
        return
    document.rows.append(
        SourceRow(
            row_number=number,
            name=name,
            program_name=text(cells["name2"]),
            street1=text(cells["street1"]),
            street2=text(cells["street2"]),
            city=city,
            state=state,
            zip_code=zip_code,
            phone=text(cells["phone"]),
            intake_phones=_phones(cells["intake1"], cells["intake2"], cells["intake1a"], cells["intake2a"]),
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


# ------------------------------------------------------- FindTreatment JSON


def label_key(label: str) -> str:
    """Labels compare without case, punctuation or spacing differences."""
    return re.sub(r"[^a-z0-9]+", "", label.lower())


def _float(value: Any) -> float | None:
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if number == number else None  # NaN is no coordinate


def read_findtreatment_json(path: Path, legend: list[LegendEntry]) -> SourceDocument:
    try:
        payload = json.loads(path.read_bytes().decode("utf-8"))
    except UnicodeDecodeError:
        raise ImportFileError(f"{path.name} is not UTF-8 text.") from None
    except json.JSONDecodeError as error:
        raise ImportFileError(f"{path.name} is not valid JSON (line {error.lineno}): it may be truncated.") from None
    if not isinstance(payload, dict) or not isinstance(payload.get("rows"), list):
        raise ImportFileError(f"{path.name} is not FindTreatment.gov locator JSON: it has no 'rows' list.")
    if not payload["rows"]:
        raise ImportFileError(f"{path.name} lists no facilities.")
    code_of = {label_key(entry.name): entry.code for entry in legend}
    document = SourceDocument(dataset="findtreatment", legend=legend)
    unmapped: dict[str, int] = {}
    for number, row in enumerate(payload["rows"], start=1):
        if not isinstance(row, dict):
            document.rejections.append(Rejection(number, "not an object"))
            continue
        _read_findtreatment_row(document, number, row, code_of, unmapped)
    if unmapped:
        listed = "; ".join(f"{label} ({count})" for label, count in sorted(unmapped.items(), key=lambda i: -i[1]))
        document.warnings.append(f"Service labels not in the legend, left out: {listed}")
    return document


def _read_findtreatment_row(
    document: SourceDocument, number: int, row: dict[str, Any], code_of: dict[str, str], unmapped: dict[str, int]
) -> None:
    name, city, state, zip_code = (
        text(row.get("name1")),
        text(row.get("city")),
        text(row.get("state")).upper(),
        _zip5(row.get("zip")),
    )
    problem = _address_problem(name, city, state, zip_code)
    latitude, longitude = _float(row.get("latitude")), _float(row.get("longitude"))
    if latitude is not None and longitude is not None and not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
        problem = problem or "coordinates out of range"
    if problem:
        document.rejections.append(Rejection(number, problem))
        return
    codes: list[str] = []
    for group in row.get("services") or []:
        for label in text(group.get("f3") if isinstance(group, dict) else "").split(";"):
            if not label.strip():
                continue
            code = code_of.get(label_key(label))
            if code:
                codes.append(code)
            else:
                unmapped[label.strip()] = unmapped.get(label.strip(), 0) + 1
    document.rows.append(
        SourceRow(
            row_number=number,
            name=name,
            program_name=text(row.get("name2")),
            street1=text(row.get("street1")),
            street2=text(row.get("street2")),
            city=city,
            state=state,
            zip_code=zip_code,
            phone=text(row.get("phone")),
            intake_phones=_phones(row.get("intake1"), row.get("intake2")),
            hotline=text(row.get("hotline1")),
            website=text(row.get("website")),
            latitude=latitude,
            longitude=longitude,
            service_codes=tuple(dict.fromkeys(codes)),
            source_ref=text(row.get("frid")),
        )
    )


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
        return read_findtreatment_json(path, legend)
    raise ImportFileError(f"{path.name} is neither an Excel workbook (.xlsx) nor FindTreatment.gov JSON.")
