"""The whole published directory as an HSDS 3.0 tabular datapackage: CSV files and datapackage.json.

The tables and their columns are those of Open Referral's compiled/tabular.json
(every column of each table we fill, in its order, with its type), so any
tool made for HSDS datapackages reads ours; the suite checks them against the
official file. The rows are the same objects the HSDS API answers with
(api.hsds.mapping), flattened.
"""

from __future__ import annotations

import csv
import json
import tempfile
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from api.hsds import mapping, program
from api.hsds.listing import every_facility
from api.hsds.taxonomy import current_taxonomy, taxonomy_body
from directory.models import Dataset, Facility
from directory.search import SearchQuery

# table: (file, columns). A column is `name`, then `!` when HSDS requires it,
# `:type` unless it is a string, `/format` for a string's format.
TABLES: dict[str, tuple[str, str]] = {
    "organization": (
        "organizations.csv",
        "id!/uuid name! alternate_name description! email/email website/uri tax_status tax_id "
        "year_incorporated:number legal_status logo uri/uri parent_organization_id/uuid",
    ),
    "service": (
        "services.csv",
        "id!/uuid organization_id/uuid program_id/uuid name! alternate_name description url/uri "
        "email/email status! interpretation_services application_process fees_description wait_time "
        "fees accreditations eligibility_description minimum_age:number maximum_age:number "
        "assured_date:date assurer_email/email licenses alert last_modified:datetime",
    ),
    "location": (
        "locations.csv",
        "id!/uuid location_type! url/uri organization_id/uuid name alternate_name description "
        "transportation latitude:number longitude:number external_identifier "
        "external_identifier_type",
    ),
    "address": (
        "addresses.csv",
        "id!/uuid location_id/uuid attention address_1! address_2 city! region state_province! "
        "postal_code! country! address_type!",
    ),
    "service_at_location": (
        "service_at_location.csv",
        "id!/uuid service_id/uuid location_id/uuid description",
    ),
    "phone": (
        "phones.csv",
        "id!/uuid location_id/uuid service_id/uuid organization_id/uuid contact_id/uuid "
        "service_at_location_id/uuid number! extension:number type description",
    ),
    "language": (
        "languages.csv",
        "id!/uuid service_id/uuid location_id/uuid phone_id/uuid name code note",
    ),
    "attribute": (
        "attributes.csv",
        "id!/uuid link_id/uuid taxonomy_term_id/uuid link_type link_entity value",
    ),
    # Programs' own weekly IOP schedules (api.hsds.program); empty until a program gives one.
    "schedule": (
        "schedules.csv",
        "id!/uuid service_id/uuid location_id/uuid service_at_location_id/uuid valid_from:date valid_to:date "
        "dtstart:date timezone:number until:date count:number wkst freq interval:number byday byweekno "
        "bymonthday byyearday description opens_at:time closes_at:time schedule_link/uri attending_type notes",
    ),
    "taxonomy": (
        "taxonomies.csv",
        "id!/uuid name! description! uri/uri version",
    ),
    "taxonomy_term": (
        "taxonomy_terms.csv",
        "id!/uuid code name! description! parent_id/uuid taxonomy language taxonomy_id/uuid term_uri/uri",
    ),
}
SAMHSA_URL = (
    "https://www.samhsa.gov/data/data-we-collect/n-sumhss-national-substance-use-and-mental-health-services-survey"
)
OPEN_REFERRAL_URL = "https://openreferral.org/"


@dataclass(frozen=True)
class Column:
    name: str
    type: str
    format: str
    required: bool


def columns(table: str) -> list[Column]:
    found = []
    for token in TABLES[table][1].split():
        token, _, format_ = token.partition("/")
        token, _, type_ = token.partition(":")
        found.append(Column(token.rstrip("!"), type_ or "string", format_, token.endswith("!")))
    return found


def write_zip(path: Path, *, now: datetime | None = None) -> dict[str, int]:
    """The datapackage as one zip archive at `path`; returns the rows written per table."""
    with tempfile.TemporaryDirectory(dir=path.parent) as folder:
        counts = write_folder(Path(folder), now=now)
        with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=6) as archive:
            for name in ("datapackage.json", *(file for file, _ in TABLES.values())):
                archive.write(Path(folder) / name, arcname=name)
    return counts


def write_folder(folder: Path, *, now: datetime | None = None) -> dict[str, int]:
    """The datapackage as files in `folder`; returns the rows written per table."""
    folder.mkdir(parents=True, exist_ok=True)
    files = {table: (folder / file).open("w", encoding="utf-8", newline="") for table, (file, _) in TABLES.items()}
    writers = {
        table: csv.DictWriter(files[table], [column.name for column in columns(table)], extrasaction="ignore")
        for table in TABLES
    }
    counts = dict.fromkeys(TABLES, 0)
    try:
        for writer in writers.values():
            writer.writeheader()
        for table, row in _rows():
            writers[table].writerow(row)
            counts[table] += 1
    finally:
        for file in files.values():
            file.close()
    with (folder / "datapackage.json").open("w", encoding="utf-8") as descriptor:
        json.dump(descriptor_for(counts, now or datetime.now(UTC)), descriptor, indent=2)
    return counts


def _rows() -> Iterator[tuple[str, dict[str, Any]]]:
    taxonomy = current_taxonomy()
    yield "taxonomy", taxonomy_body()
    for term in taxonomy.terms:
        yield "taxonomy_term", term.body
    own_terms = False
    # The whole published directory, through the same search as every list.
    for facility, _distance in every_facility(SearchQuery(everywhere=True, filters={}, with_facets=False)):
        service = mapping.service(facility, full=True, taxonomy=taxonomy)
        yield "organization", service["organization"]
        yield "service", service
        for table in ("phone", "language", "attribute"):
            for row in service[f"{table}s"]:
                yield table, row
        # The service's schedule only: the service-at-location copy says the same of the same site.
        for row in service.get("schedules", ()):
            yield "schedule", row
        own_terms = own_terms or any(row["link_type"] == program.LINK_TYPE for row in service["attributes"])
        link = service["service_at_locations"][0]
        yield "service_at_location", link
        yield "location", link["location"]
        yield "address", link["location"]["addresses"][0]
    if own_terms:  # the terms of programs' own facts (api.hsds.program), once any listing has them
        yield "taxonomy", program.taxonomy_body()
        for body in program.terms():
            yield "taxonomy_term", body


def descriptor_for(counts: dict[str, int], created: datetime) -> dict[str, Any]:
    editions = Facility.objects.filter(published=True).values_list("dataset", "edition").distinct()
    sources = [
        {"title": f"{Dataset(dataset).label}, {edition} edition", "path": SAMHSA_URL}
        for dataset, edition in sorted(set(editions))
    ]
    return {
        "profile": "tabular-data-package",
        "name": "iop-finder-hsds",
        "title": "IOP Finder: substance use treatment programs in HSDS 3.0",
        "description": (
            "Every published listing of IOP Finder, from the SAMHSA National Directory of substance use "
            "treatment facilities, in Open Referral's Human Services Data Specification (HSDS) 3.0. "
            "SAMHSA: all material in the directory is in the public domain and may be reproduced without "
            "permission; citation of the source is appreciated. The table layout is Open Referral's HSDS 3.0 "
            "(openreferral.org, CC BY-SA 4.0)."
        ),
        "created": created.isoformat(),
        "version": "3.0",
        "homepage": OPEN_REFERRAL_URL,
        "sources": [*sources, {"title": "Open Referral HSDS 3.0 (CC BY-SA 4.0)", "path": OPEN_REFERRAL_URL}],
        "licenses": [
            {
                "name": "other-pd",
                "title": "SAMHSA: public domain, citation of the source appreciated",
                "path": SAMHSA_URL,
            }
        ],
        "resources": [_resource(table, counts[table]) for table in TABLES],
    }


def _resource(table: str, rows: int) -> dict[str, Any]:
    fields = []
    for column in columns(table):
        field: dict[str, Any] = {"name": column.name, "type": column.type}
        if column.format:
            field["format"] = column.format
        if column.required:
            field["constraints"] = {"required": True}
        fields.append(field)
    return {
        "name": table,
        "path": TABLES[table][0],
        "profile": "tabular-data-resource",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "rows": rows,
        "schema": {"fields": fields, "primaryKey": "id"},
    }
