"""Open Referral's official HSDS 3.0 schema files, read at test time from ../shared/data/hsds-3.0/schema/.

Every file is registered under the address openapi.json gives its
siblings, so the references between them (`phone.json`,
`compiled/service.json`, `#/components/schemas/Page`) resolve offline.
Formats are checked: uuid, date-time, uri and email.
"""

from __future__ import annotations

import json
import os
from functools import cache
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from conftest import SAMHSA_DIR

SCHEMA_DIR = Path(os.environ.get("HSDS_SCHEMA_DIR", SAMHSA_DIR.parent / "hsds-3.0" / "schema"))
BASE = "https://raw.githubusercontent.com/openreferral/specification/3.0/schema/"
OPENAPI = BASE + "openapi.json"


@cache
def registry() -> Registry:
    if not (SCHEMA_DIR / "openapi.json").is_file():
        raise FileNotFoundError(f"Open Referral's schema files are not at {SCHEMA_DIR} (set HSDS_SCHEMA_DIR)")
    resources = []
    for path in sorted(SCHEMA_DIR.rglob("*.json")):
        address = BASE + path.relative_to(SCHEMA_DIR).as_posix()
        resources.append(
            (address, Resource.from_contents(json.loads(path.read_text()), default_specification=DRAFT202012))
        )
    return Registry().with_resources(resources)


def openapi() -> dict[str, Any]:
    return registry().contents(OPENAPI)


def _validator(reference: str) -> Draft202012Validator:
    return Draft202012Validator(
        {"$ref": reference}, registry=registry(), format_checker=Draft202012Validator.FORMAT_CHECKER
    )


@cache
def answer_validator(path: str) -> Draft202012Validator:
    """The 200 answer of `path` (spelled as in openapi.json, e.g. `/services/{id}`), as openapi.json defines it."""
    escaped = path.replace("~", "~0").replace("/", "~1").replace("{", "%7B").replace("}", "%7D")
    return _validator(f"{OPENAPI}#/paths/{escaped}/get/responses/200/content/application~1json/schema")


@cache
def file_validator(name: str) -> Draft202012Validator:
    """One schema file, e.g. `compiled/service.json`."""
    return _validator(BASE + name)


def problems(validator: Draft202012Validator, body: Any) -> list[str]:
    return [f"{'/'.join(map(str, error.absolute_path))}: {error.message}" for error in validator.iter_errors(body)]
