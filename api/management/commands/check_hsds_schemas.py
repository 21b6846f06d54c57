"""Check the /hsds/ answers against Open Referral's own schema files.

    manage.py check_hsds_schemas path/to/openreferral-specification/schema

The suite validates every HSDS answer against api/tests/hsds_schema/, which
was written from the specification's field list; this command checks the
same answers against the official files when you have a copy of them (the
repository openreferral/specification, folder schema/): the page envelope
from openapi.json, each list item against compiled/<object>_list.json, and
every nested object (phones, languages, attributes, taxonomy terms, addresses,
locations) against its own <object>.json. It reads the directory in the
configured database and changes nothing. Exit status 1 when anything is invalid.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.test import Client, override_settings

LISTS: dict[str, tuple[str, dict[str, str | int]]] = {
    "/hsds/organizations": ("organization_list", {"per_page": 100}),
    "/hsds/services": ("service_list", {"per_page": 100}),
    "/hsds/service_at_locations": (
        "service_at_location_list",
        {"postcode": "10001", "proximity": 30000, "per_page": 100},
    ),
}
NESTED = ("service", "organization", "location", "address", "phone", "language", "attribute", "taxonomy_term")
MAX_REPORTED = 20


class Command(BaseCommand):
    help = "Validate the HSDS answers against Open Referral's schema files (a checkout's schema/ folder)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("schema_dir", type=Path, help="the schema/ folder of openreferral/specification")

    def handle(self, *args: Any, schema_dir: Path, **options: Any) -> None:
        try:
            from jsonschema import Draft202012Validator, FormatChecker
        except ImportError as missing:
            raise CommandError(
                "jsonschema is a development requirement: pip install -r requirements-dev.txt"
            ) from missing
        checker = FormatChecker()

        def validator(path: Path, schema: dict | None = None) -> Any:
            if not path.is_file():
                raise CommandError(f"{path} is missing: give the schema/ folder of openreferral/specification")
            return Draft202012Validator(
                schema or _without_references(json.loads(path.read_text())), format_checker=checker
            )

        openapi = (
            json.loads((schema_dir / "openapi.json").read_text()) if (schema_dir / "openapi.json").is_file() else {}
        )
        page = validator(schema_dir / "openapi.json", openapi.get("components", {}).get("schemas", {}).get("Page"))
        nested = {name: validator(schema_dir / f"{name}.json") for name in NESTED}
        # Straight to the answers: neither a rate limit nor a cached copy in between.
        with override_settings(API_RATE_LIMIT=0, API_RESPONSE_CACHE_SECONDS=0):
            checked, problems = self._check(schema_dir, page, nested, validator)
        for where, error in problems[:MAX_REPORTED]:
            self.stderr.write(f"{where} {'/'.join(map(str, error.absolute_path))}: {error.message}")
        self.stdout.write(f"{checked:,} objects checked, {len(problems):,} invalid")
        if problems:
            raise SystemExit(1)

    def _check(self, schema_dir: Path, page: Any, nested: dict[str, Any], validator: Any) -> tuple[int, list]:
        client = Client(HTTP_HOST="localhost")
        checked, problems = 0, []
        for url, (list_schema, query) in LISTS.items():
            response = client.get(url, query)
            if response.status_code != 200:
                raise CommandError(f"{url} answered {response.status_code}: {response.content[:200]!r}")
            body = response.json()
            items = validator(schema_dir / "compiled" / f"{list_schema}.json")
            found = [(url, error) for error in page.iter_errors(body)]
            for item in body.get("contents", []):
                found += [(url, error) for error in items.iter_errors(item)]
                detail = client.get(f"/hsds/services/{item['id']}").json() if url == "/hsds/services" else item
                for kind, part in _parts(detail, url):
                    checked += 1
                    found += [(f"{url} {kind}", error) for error in nested[kind].iter_errors(part)]
            checked += len(body.get("contents", [])) + 1
            problems += found
        return checked, problems


def _without_references(schema: Any) -> Any:
    """The object's own fields only: references to other files are checked where those objects stand."""
    if isinstance(schema, dict):
        return (
            {key: _without_references(value) for key, value in schema.items() if key != "$id"}
            if "$ref" not in schema
            else {}
        )
    if isinstance(schema, list):
        return [_without_references(value) for value in schema]
    return schema


def _parts(answer: dict, url: str) -> Iterator[tuple[str, dict]]:
    """Every nested object of one answer, with the name of its schema."""
    if url == "/hsds/organizations":
        yield "organization", answer
        return
    service = answer.get("service", answer)
    location = answer.get("location")
    yield "service", service
    if "organization" in service:
        yield "organization", service["organization"]
    for kind, key in (("phone", "phones"), ("language", "languages"), ("attribute", "attributes")):
        yield from ((kind, part) for part in service.get(key, []))
    yield from (("taxonomy_term", a["taxonomy_term"]) for a in service.get("attributes", []) if "taxonomy_term" in a)
    for holder in [location] if location else [sal["location"] for sal in service.get("service_at_locations", [])]:
        yield "location", holder
        yield from (("address", address) for address in holder.get("addresses", []))
        yield from (("phone", phone) for phone in holder.get("phones", []))
