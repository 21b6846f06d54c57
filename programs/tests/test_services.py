from datetime import UTC, datetime

import pytest

from directory.models import Facility
from programs.models import ProgramFacts, StampKind
from programs.services import UnknownProgramFact, program_facts_unsay, program_facts_update

pytestmark = pytest.mark.django_db

NOON = datetime(2026, 11, 30, 12, 0, tzinfo=UTC)


def make_facility() -> Facility:
    # Any listing of the real directory the test database holds.
    return Facility.objects.filter(published=True).order_by("id")[0]


def test_it_stamps_each_group_a_change_touches():
    facility = make_facility()
    facts = program_facts_update(
        facility=facility, changes={"evening_track": True, "openings": "yes"}, kind=StampKind.PROGRAM, at=NOON
    )
    facts.refresh_from_db()
    assert facts.evening_track is True
    assert facts.openings == "yes"
    assert set(facts.stamps) == {"schedule", "openings"}
    assert facts.stamps["openings"] == {"kind": "program", "at": NOON.isoformat()}


def test_a_later_change_keeps_the_other_groups_dates():
    facility = make_facility()
    program_facts_update(facility=facility, changes={"virtual_iop": True}, kind=StampKind.STAFF, at=NOON)
    later = NOON.replace(day=30, hour=18)
    program_facts_update(facility=facility, changes={"hours_per_week": 9}, kind=StampKind.PROGRAM, at=later)
    facts = ProgramFacts.objects.get(facility=facility)
    assert facts.stamps["details"]["at"] == NOON.isoformat()
    assert facts.stamps["schedule"] == {"kind": "program", "at": later.isoformat()}


def test_it_refuses_a_fact_it_does_not_know():
    facility = make_facility()
    with pytest.raises(UnknownProgramFact):
        program_facts_update(facility=facility, changes={"published": False}, kind=StampKind.PROGRAM, at=NOON)
    assert not ProgramFacts.objects.filter(facility=facility).exists()


def test_unsaying_puts_the_values_back_and_takes_the_groups_date_away():
    facility = make_facility()
    program_facts_update(facility=facility, changes={"virtual_iop": True}, kind=StampKind.PROGRAM, at=NOON)
    program_facts_update(facility=facility, changes={"hours_per_week": 9}, kind=StampKind.PROGRAM, at=NOON)
    program_facts_unsay(facility=facility, changes={"virtual_iop": None})
    facts = ProgramFacts.objects.get(facility=facility)
    assert facts.virtual_iop is None
    assert set(facts.stamps) == {"schedule"}
