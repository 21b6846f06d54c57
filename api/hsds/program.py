"""What a program says of itself (programs.ProgramFacts), in HSDS 3.0, each dated by a metadata entry.

Its IOP schedule becomes a weekly `schedule` (byday from the days it meets;
no opening hours, which the program does not give) on the service and on the
service_at_location. Whether it takes new clients and whether it can be
attended from home become `attributes` under a small taxonomy of our own;
an answer about openings older than 30 days is left out, as on the page.
Everything here reads the facility's `program_facts`, which list pages fetch
with the facilities (api.hsds.listing): no query per row.
"""

from __future__ import annotations

from typing import Any

from directory.hsds_ids import hsds_id
from directory.models import Facility
from programs import freshness
from programs.models import ProgramFacts, Weekday
from programs.selectors import facts_of, openings_current, said

PROGRAM_TAXONOMY_NAME = "IOP Finder program facts"
PROGRAM_TAXONOMY_ID = hsds_id("taxonomy", PROGRAM_TAXONOMY_NAME)
LINK_TYPE = "program_fact"
_TERMS = {
    "new-clients": (
        "Taking new clients",
        "Whether the program takes new clients now: yes, waiting-list (value with the weeks when given) or not-now.",
    ),
    "virtual-iop": ("Virtual IOP", "Whether the intensive outpatient program can be attended from home: yes or no."),
}
_BYDAY = {day: day[:2].upper() for day in Weekday.values}  # mon -> MO, as iCal writes it


def term(code: str) -> dict[str, Any]:
    name, description = _TERMS[code]
    return {
        "id": hsds_id("taxonomy_term", f"program-fact:{code}"),
        "code": code,
        "name": name,
        "description": description,
        "taxonomy": PROGRAM_TAXONOMY_NAME,
        "taxonomy_id": PROGRAM_TAXONOMY_ID,
    }


def taxonomy_body() -> dict[str, Any]:
    return {
        "id": PROGRAM_TAXONOMY_ID,
        "name": PROGRAM_TAXONOMY_NAME,
        "description": "What a program says of itself beyond SAMHSA's survey, dated (IOP Finder's own terms).",
    }


def terms() -> list[dict[str, Any]]:
    """Every term, with its taxonomy's details, as /hsds/taxonomy_terms/{id} and the datapackage give them."""
    return [term(code) | {"taxonomy_detail": taxonomy_body()} for code in _TERMS]


def _metadata(facts: ProgramFacts, group: str, resource_id: str, resource_type: str, value: str) -> list[dict]:
    stamp = facts.stamps[group]
    day = freshness.stamp_day(stamp)
    return [
        {
            "id": hsds_id("metadata", f"{resource_id}:{group}"),
            "resource_id": resource_id,
            "resource_type": resource_type,
            "last_action_date": day.isoformat() if day else "",
            "last_action_type": "update",
            "field_name": group,
            "previous_value": "",
            "replacement_value": value,
            "updated_by": stamp["kind"],  # program, staff or sample
        }
    ]


def _dated(facts: ProgramFacts | None, group: str) -> bool:
    return facts is not None and said(facts, group) and freshness.stamp_day(facts.stamps.get(group)) is not None


def schedules(facility: Facility, *, link: str, link_id: str) -> list[dict[str, Any]]:
    """The IOP's weekly schedule, linked by `link` ("service_id" or "service_at_location_id"); [] when unknown."""
    facts = facts_of(facility)
    if facts is None or not _dated(facts, "schedule"):
        return []
    schedule_id = hsds_id("schedule", f"{facility.public_id}:{link}")
    description = _schedule_text(facts)
    body: dict[str, Any] = {"id": schedule_id, link: link_id}
    days = [_BYDAY[day] for day in Weekday.values if day in facts.iop_days]
    if days:
        body |= {"freq": "WEEKLY", "byday": ",".join(days)}
    day = freshness.stamp_day(facts.stamps["schedule"])
    body |= {"description": description, "valid_from": day.isoformat() if day else ""}
    if facts.virtual_iop is not None:
        body["attending_type"] = "In person or from home (virtual IOP)." if facts.virtual_iop else "In person."
    body["metadata"] = _metadata(facts, "schedule", schedule_id, "schedule", description)
    return [body]


def _schedule_text(facts: ProgramFacts) -> str:
    parts = []
    if facts.hours_per_week:
        parts.append(f"{facts.hours_per_week} hours a week")
    groups = [name for name, offered in (("daytime", facts.day_track), ("evening", facts.evening_track),
                                         ("weekend", facts.weekend_track)) if offered]  # fmt: skip
    if groups:
        parts.append(" and ".join(groups) + " groups")
    if facts.typical_weeks:
        parts.append(f"usually {facts.typical_weeks} weeks")
    return "Intensive outpatient program" + (": " + "; ".join(parts) if parts else "") + "."


def attributes(facility: Facility, *, service_id: str) -> list[dict[str, Any]]:
    """Openings (while current) and virtual IOP as attributes of the service; [] when the program said neither."""
    facts = facts_of(facility)
    found = []
    if facts is not None and _dated(facts, "openings") and openings_current(facts, freshness.today()):
        value = facts.openings
        if facts.waiting_list_weeks and value == "waiting-list":
            value = f"{value}:{facts.waiting_list_weeks}"
        found.append(_attribute(facts, "openings", "new-clients", service_id, value))
    if facts is not None and facts.virtual_iop is not None and _dated(facts, "details"):
        found.append(_attribute(facts, "details", "virtual-iop", service_id, "yes" if facts.virtual_iop else "no"))
    return found


def _attribute(facts: ProgramFacts, group: str, code: str, service_id: str, value: str) -> dict[str, Any]:
    attribute_id = hsds_id("attribute", f"{service_id}:program-fact:{code}")
    nested = term(code)
    return {
        "id": attribute_id,
        "link_id": service_id,
        "link_type": LINK_TYPE,
        "link_entity": "service",
        "taxonomy_term_id": nested["id"],
        "taxonomy_term": nested,
        "value": value,
        "metadata": _metadata(facts, group, attribute_id, "attribute", value),
    }
