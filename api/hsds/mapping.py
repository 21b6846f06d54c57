"""Our facilities in Open Referral's Human Services Data Specification (HSDS 3.0) shape.

The SAMHSA directory has no organization identifiers, so each listing maps to
one organization, one service (the program), one physical location and the
service_at_location linking them. Identifiers are UUIDs derived from the
facility's public id (directory.hsds_ids). The SAMHSA service codes form one
taxonomy (api.hsds.taxonomy). HSDS leaves an unknown optional field out rather
than sending null: every object here is built through _present().
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from api.hsds import program
from api.hsds.modified import modified_text
from api.hsds.taxonomy import Taxonomy, Term, current_taxonomy
from directory.hsds_ids import hsds_id, hsds_ids_sharing
from directory.models import Facility
from directory.phones import parse_phone
from directory.search.legend import LegendCode

# Legend codes that name a language we can also give an ISO 639 code for.
LANGUAGE_CODES = {"SP": ("Spanish", "es"), "AH": ("American Sign Language", "ase")}
OTHER_LANGUAGES_CATEGORY = "OL"
SETTING_CATEGORY = "SET"


def _present(**fields: Any) -> dict[str, Any]:
    return {key: value for key, value in fields.items() if value is not None and value != ""}


def organization(
    facility: Facility,
    *,
    full: bool = False,
    full_service: bool = False,
    links: bool = False,
    taxonomy: Taxonomy | None = None,
) -> dict[str, Any]:
    """The organization; `full` adds its service, location and phones; `full_service` makes that service whole.

    Here and below, `links`: a whole service's attributes as AttributeLinks, for api.hsds.page_json;
    `taxonomy`: current_taxonomy(), looked up once for a whole page."""
    body = _present(
        id=hsds_id("organization", facility.public_id),
        name=facility.name,
        description=f"{facility.name}, listed in the SAMHSA National Directory ({facility.edition} edition).",
        website=facility.website,
    )
    if full or full_service:
        body |= {
            "phones": [],
            "services": [service(facility, full=full_service, links=links, taxonomy=taxonomy)],
            "locations": [location(facility)],
        }
    return body


def service(
    facility: Facility, *, full: bool = True, taxonomy: Taxonomy | None = None, links: bool = False
) -> dict[str, Any]:
    taxonomy = taxonomy or current_taxonomy()
    codes = [taxonomy.by_bit[bit] for bit in facility.service_bits() if bit in taxonomy.by_bit]
    service_id = hsds_id("service", facility.public_id)
    body = _present(
        id=service_id,
        organization_id=hsds_id("organization", facility.public_id),
        name=facility.display_name,
        description=_description(codes),
        url=facility.website,
        status="active" if facility.published else "inactive",
        last_modified=modified_text(facility),
    )
    if full:
        # A program's own facts are few: a service with any is written out plainly (api.hsds.page_json).
        own = program.attributes(facility, service_id=service_id)
        body |= {
            "organization": organization(facility),
            "phones": phones(facility, service_id=service_id),
            "languages": languages(facility, codes),
            "attributes": attribute_links(service_id, codes, taxonomy)
            if links and not own
            else attributes(service_id, codes, taxonomy) + own,
            "service_at_locations": [service_at_location(facility, with_service=False)],
        }
        if schedules := program.schedules(facility, link="service_id", link_id=service_id):
            body["schedules"] = schedules
    return body


def minimal_service(facility: Facility) -> dict[str, Any]:
    """`minimal`: the id and the date it changed (with the name and status every service item must have)."""
    return {
        "id": hsds_id("service", facility.public_id),
        "name": facility.display_name,
        "status": "active" if facility.published else "inactive",
        "modified_date": modified_text(facility),
    }


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
        "addresses": [address(facility, location_id=location_id)],
        "phones": [],
    }


def address(facility: Facility, *, location_id: str) -> dict[str, Any]:
    # HSDS requires these even when the source left one empty.
    body = {
        "id": hsds_id("address", facility.public_id),
        "location_id": location_id,
        "address_1": facility.street1,
        "city": facility.city,
        "state_province": facility.state,
        "postal_code": facility.zip_code,
        "country": "US",
        "address_type": "physical",
    }
    return body | _present(address_2=facility.street2)


def service_at_location(
    facility: Facility,
    *,
    with_service: bool = True,
    full: bool = False,
    distance: float | None = None,
    links: bool = False,
    taxonomy: Taxonomy | None = None,
) -> dict[str, Any]:
    """The link of service and location, with both; `full` makes the service whole."""
    body: dict[str, Any] = {
        "id": hsds_id("service_at_location", facility.public_id),
        "service_id": hsds_id("service", facility.public_id),
        "location_id": hsds_id("location", facility.public_id),
        "location": location(facility),
    }
    if schedules := program.schedules(facility, link="service_at_location_id", link_id=body["id"]):
        body["schedules"] = schedules
    if with_service:
        body["service"] = service(facility, full=full, links=links, taxonomy=taxonomy)
    if distance is not None:
        body["description"] = f"{distance:.1f} miles from the searched point."
    return body


def phones(facility: Facility, *, service_id: str) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []
    for index, (kind, raw) in enumerate(facility.phone_numbers()):
        phone = parse_phone(raw)
        found.append(
            _present(
                id=hsds_id("phone", f"{facility.public_id}:{index}"),
                service_id=service_id,
                number=phone.line,
                extension=int(phone.extension) if phone.extension else None,
                type="voice",
                description=kind,
                languages=[],
            )
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
            _present(id=hsds_id("language", f"{facility.public_id}:{code.code}"), service_id=service_id,
                     name=name, code=iso)
        )  # fmt: skip
    return found


@dataclass(frozen=True)
class AttributeLinks:
    """A service's attributes not yet written out: api.hsds.page_json writes them from each term's
    encoded form, since the same few hundred terms make up nearly all of a page of full services."""

    service_id: str
    # Each attribute's id, and its term: two lists, not a pair an attribute, since every tuple
    # allocated counts towards the garbage collector's next pass and a page has 8,000 attributes.
    ids: list[str]
    terms: list[Term]
    taxonomy: Taxonomy  # the terms'


def attribute(attribute_id: str, service_id: str, term: Term) -> dict[str, Any]:
    return {
        "id": attribute_id,
        "link_id": service_id,
        "link_type": "service_code",
        "link_entity": "service",
        "taxonomy_term_id": term.id,
        "taxonomy_term": term.nested,
    }


def attribute_links(service_id: str, codes: list[LegendCode], taxonomy: Taxonomy) -> AttributeLinks:
    attribute_id = hsds_ids_sharing("attribute", f"{service_id}:")  # each is hsds_id("attribute", "{service}:{code}")
    ids, terms = [], []
    for code in codes:
        term = taxonomy.by_code.get(code.code)
        if term is None:  # a code whose category the legend does not have yet
            continue
        ids.append(attribute_id(code.code))
        terms.append(term)
    return AttributeLinks(service_id, ids, terms, taxonomy)


def attributes(service_id: str, codes: list[LegendCode], taxonomy: Taxonomy) -> list[dict[str, Any]]:
    links = attribute_links(service_id, codes, taxonomy)
    return [
        attribute(attribute_id, service_id, term) for attribute_id, term in zip(links.ids, links.terms, strict=True)
    ]


def _description(codes: list[LegendCode]) -> str:
    care = [code.name for code in codes if code.category_code == SETTING_CATEGORY] or [code.name for code in codes[:3]]
    return "Substance use treatment: " + "; ".join(care) + "." if care else "Substance use treatment."
