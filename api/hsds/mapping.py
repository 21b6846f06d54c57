"""Our facilities in Open Referral's Human Services Data Specification (HSDS 3.0) shape.

The SAMHSA directory has no organisation identifiers, so each listing maps to
one organization, one service (the program), one physical location and the
service_at_location linking them. Identifiers are UUIDs derived from the
facility's public id, so they are stable across imports as the public id is.
The SAMHSA service codes form one taxonomy: each code is a taxonomy term
whose parent is its legend category.
"""

from __future__ import annotations

import uuid
from typing import Any

from directory.models import Facility
from directory.phones import parse_phone
from directory.search.legend import LegendCode, legend

NAMESPACE = uuid.UUID("6f3c1d2e-9a41-5b7e-8c55-1f0e2a3b4c5d")
TAXONOMY_NAME = "SAMHSA National Directory service codes"
TAXONOMY_URI = (
    "https://www.samhsa.gov/data/data-we-collect/n-sumhss-national-substance-use-and-mental-health-services-survey"
)
# Legend codes that name a language we can also give an ISO 639 code for.
LANGUAGE_CODES = {"SP": ("Spanish", "es"), "AH": ("American Sign Language", "ase")}
OTHER_LANGUAGES_CATEGORY = "OL"


def hsds_id(kind: str, key: str) -> str:
    return str(uuid.uuid5(NAMESPACE, f"{kind}:{key}"))


def organization(facility: Facility) -> dict[str, Any]:
    return {
        "id": hsds_id("organization", facility.public_id),
        "name": facility.name,
        "description": f"{facility.name}, listed in the SAMHSA National Directory ({facility.edition} edition).",
        "website": facility.website or None,
        "phones": [],
    }


def service(facility: Facility, *, full: bool = True) -> dict[str, Any]:
    codes = _codes(facility)
    body: dict[str, Any] = {
        "id": hsds_id("service", facility.public_id),
        "organization_id": hsds_id("organization", facility.public_id),
        "name": facility.display_name,
        "description": _description(codes),
        "url": facility.website or None,
        "status": "active" if facility.published else "inactive",
    }
    if full:
        body |= {
            "organization": organization(facility),
            "phones": phones(facility, service_id=body["id"]),
            "languages": languages(facility, codes),
            "attributes": attributes(body["id"], codes),
            "service_at_locations": [service_at_location(facility, with_service=False)],
        }
    return body


def location(facility: Facility) -> dict[str, Any]:
    location_id = hsds_id("location", facility.public_id)
    return {
        "id": location_id,
        "location_type": "physical",
        "organization_id": hsds_id("organization", facility.public_id),
        "name": facility.display_name,
        # Left out, not null, for a listing of unknown location (HSDS gives them as numbers).
        **({"latitude": facility.latitude, "longitude": facility.longitude} if facility.latitude is not None else {}),
        "external_identifier": facility.public_id,
        "external_identifier_type": "IOP Finder public id",
        "addresses": [
            {
                "id": hsds_id("address", facility.public_id),
                "location_id": location_id,
                "address_1": facility.street1,
                "address_2": facility.street2 or None,
                "city": facility.city,
                "state_province": facility.state,
                "postal_code": facility.zip_code,
                "country": "US",
                "address_type": "physical",
            }
        ],
        "phones": [],
    }


def service_at_location(
    facility: Facility, *, with_service: bool = True, distance: float | None = None
) -> dict[str, Any]:
    body: dict[str, Any] = {
        "id": hsds_id("service_at_location", facility.public_id),
        "service_id": hsds_id("service", facility.public_id),
        "location_id": hsds_id("location", facility.public_id),
        "location": location(facility),
    }
    if with_service:
        body["service"] = service(facility, full=False)
    if distance is not None:
        body["description"] = f"{distance:.1f} miles from the searched point."
    return body


def phones(facility: Facility, *, service_id: str) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []
    for index, (kind, raw) in enumerate(facility.phone_numbers()):
        phone = parse_phone(raw)
        found.append(
            {
                "id": hsds_id("phone", f"{facility.public_id}:{index}"),
                "service_id": service_id,
                "number": phone.line,
                "extension": int(phone.extension) if phone.extension else None,
                "type": "voice",
                "description": kind,
                "languages": [],
            }
        )
    return found


def languages(facility: Facility, codes: list[LegendCode]) -> list[dict[str, Any]]:
    service_id = hsds_id("service", facility.public_id)
    found = []
    for code in codes:
        if code.code in LANGUAGE_CODES:
            name, iso = LANGUAGE_CODES[code.code]
        elif code.category_code == OTHER_LANGUAGES_CATEGORY:
            name, iso = code.name, None
        else:
            continue
        found.append(
            {
                "id": hsds_id("language", f"{facility.public_id}:{code.code}"),
                "service_id": service_id,
                "name": name,
                "code": iso,
            }
        )
    return found


def taxonomy_term(code: LegendCode) -> dict[str, Any]:
    return {
        "id": hsds_id("taxonomy_term", code.code),
        "code": code.code,
        "name": code.name,
        "description": code.description or code.name,
        "parent_id": hsds_id("taxonomy_category", code.category_code),
        "taxonomy": TAXONOMY_NAME,
        "taxonomy_detail": {
            "id": hsds_id("taxonomy", TAXONOMY_NAME),
            "name": TAXONOMY_NAME,
            "description": "Service codes of the SAMHSA National Directory legend (Service Code Reference).",
            "uri": TAXONOMY_URI,
        },
    }


def attributes(service_id: str, codes: list[LegendCode]) -> list[dict[str, Any]]:
    return [
        {
            "id": hsds_id("attribute", f"{service_id}:{code.code}"),
            "link_id": service_id,
            "link_type": "service_code",
            "link_entity": "service",
            "taxonomy_term_id": hsds_id("taxonomy_term", code.code),
            "taxonomy_term": taxonomy_term(code),
        }
        for code in codes
    ]


def _codes(facility: Facility) -> list[LegendCode]:
    by_bit = {code.bit: code for code in legend().by_code.values()}
    return [by_bit[bit] for bit in facility.service_bits() if bit in by_bit]


def _description(codes: list[LegendCode]) -> str:
    care = [code.name for code in codes if code.category_code == "SET"] or [code.name for code in codes[:3]]
    return "Substance use treatment: " + "; ".join(care) + "." if care else "Substance use treatment."
