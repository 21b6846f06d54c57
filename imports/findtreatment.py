"""Reader of FindTreatment.gov locator API JSON: the same listings as the national directory, newer wording.

Its rows carry coordinates and an `frid`; they describe the listings of the
national directory and are matched to them by identity (imports.identity), so
they enrich those listings instead of landing beside them. The locator is
SAMHSA's combined one: it lists mental health facilities (`typeFacility` "MH")
beside substance use programs, and its labels say which care each gives, so
they are kept like any row; a file that lists no substance use program at all
is not this directory's and is refused.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from imports.labels import LabelMap
from imports.readers import ImportFileError, LegendEntry, Rejection, SourceDocument, phones, source_row, text, zip5
from imports.row_checks import address_problem, length_problem, phone_problem, web_address

DATASET = "findtreatment"
SUBSTANCE_USE_FACILITY = "SA"
SUBSTANCE_USE_LABEL = "substance use treatment"


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
    labels = LabelMap(legend)
    document = SourceDocument(dataset=DATASET, legend=legend)
    for number, row in enumerate(payload["rows"], start=1):
        if not isinstance(row, dict):
            document.rejections.append(Rejection(number, "not an object"))
            continue
        _read_row(document, number, row, labels)
    if document.rows and not any(_gives_substance_use_care(row) for row in payload["rows"] if isinstance(row, dict)):
        raise ImportFileError(
            f"{path.name} lists only mental health facilities: IOP Finder imports substance use programs; "
            "nothing was changed."
        )
    document.legend = legend + list(labels.new_entries.values())
    document.warnings.append(labels.summary())
    return document


def _service_labels(row: dict[str, Any]) -> list[tuple[str, str, str]]:
    """(category code, category name, label) for every label the row lists."""
    found = []
    for group in row.get("services") or []:
        if not isinstance(group, dict):
            continue
        category, category_name = text(group.get("f2")).upper(), text(group.get("f1"))
        for label in text(group.get("f3")).split(";"):
            if label.strip():
                found.append((category, category_name, " ".join(label.split())))
    return found


def _gives_substance_use_care(row: dict[str, Any]) -> bool:
    if text(row.get("typeFacility")).upper() == SUBSTANCE_USE_FACILITY:
        return True
    return any(label.lower() == SUBSTANCE_USE_LABEL for category, _, label in _service_labels(row) if category == "TC")


def _read_row(document: SourceDocument, number: int, row: dict[str, Any], labels: LabelMap) -> None:
    values = {
        "name": text(row.get("name1")), "program_name": text(row.get("name2")),
        "street1": text(row.get("street1")), "street2": text(row.get("street2")), "city": text(row.get("city")),
    }  # fmt: skip
    state, zip_code = text(row.get("state")).upper(), zip5(row.get("zip"))
    phone, hotline = text(row.get("phone")), text(row.get("hotline1"))
    intake = phones(row.get("intake1"), row.get("intake2"))
    website, website_problem = web_address(row.get("website"))
    latitude, longitude = _float(row.get("latitude")), _float(row.get("longitude"))
    service_labels = _service_labels(row)
    problem = (
        address_problem(values["name"], values["city"], state, zip_code)
        or length_problem(values)
        or phone_problem(phone, hotline, *intake)
        or website_problem
    )
    if latitude is not None and longitude is not None and not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
        problem = problem or "coordinates out of range"
    if problem:
        document.rejections.append(Rejection(number, problem))
        return
    codes = [labels.code_for(category, category_name, label) for category, category_name, label in service_labels]
    document.rows.append(
        source_row(
            number,
            values,
            state=state,
            zip_code=zip_code,
            phone=phone,
            intake_phones=intake,
            hotline=hotline,
            website=website,
            latitude=latitude,
            longitude=longitude,
            service_codes=tuple(dict.fromkeys(codes)),
            source_ref=text(row.get("frid")),
        )
    )
