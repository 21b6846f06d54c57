"""A program's own facts (programs.selectors) in the API's facility detail, each group with who said it and when."""

from __future__ import annotations

from datetime import datetime

from api.schemas import (
    PhoneNumber,
    ProgramContact,
    ProgramDetails,
    ProgramFactsOut,
    ProgramOpenings,
    ProgramSchedule,
    ProgramStamp,
)
from directory.phones import INTAKE, parse_phone
from programs import freshness
from programs.models import ProgramFacts
from programs.selectors import openings_current, said


def program_facts_out(facts: ProgramFacts | None) -> ProgramFactsOut | None:
    if facts is None:
        return None
    out = ProgramFactsOut(
        schedule=_schedule(facts) if _shown(facts, "schedule") else None,
        openings=_openings(facts) if _shown(facts, "openings") and openings_current(facts, freshness.today()) else None,
        contact=_contact(facts) if _shown(facts, "contact") else None,
        details=_details(facts) if _shown(facts, "details") else None,
    )
    return out if any((out.schedule, out.openings, out.contact, out.details)) else None


def _shown(facts: ProgramFacts, group: str) -> bool:
    return said(facts, group) and freshness.stamp_day(facts.stamps.get(group)) is not None


def _stamp(facts: ProgramFacts, group: str) -> ProgramStamp:
    stamp = facts.stamps[group]
    return ProgramStamp(by=stamp["kind"], at=datetime.fromisoformat(stamp["at"]))


def _schedule(facts: ProgramFacts) -> ProgramSchedule:
    return ProgramSchedule(
        days=list(facts.iop_days),
        hours_per_week=facts.hours_per_week,
        day_track=facts.day_track,
        evening_track=facts.evening_track,
        weekend_track=facts.weekend_track,
        typical_weeks=facts.typical_weeks,
        updated=_stamp(facts, "schedule"),
    )


def _openings(facts: ProgramFacts) -> ProgramOpenings:
    return ProgramOpenings(
        status=facts.openings, waiting_list_weeks=facts.waiting_list_weeks, updated=_stamp(facts, "openings")
    )


def _contact(facts: ProgramFacts) -> ProgramContact:
    intake = None
    if facts.intake_phone:
        phone = parse_phone(facts.intake_phone)
        intake = PhoneNumber(kind=INTAKE, raw=phone.raw, display=phone.display, tel=phone.tel or None)
    return ProgramContact(intake_phone=intake, website=facts.website, updated=_stamp(facts, "contact"))


def _details(facts: ProgramFacts) -> ProgramDetails:
    return ProgramDetails(
        virtual_iop=facts.virtual_iop,
        languages=list(facts.languages),
        insurance_plans=list(facts.insurance_plans),
        updated=_stamp(facts, "details"),
    )
