"""What a few sample listings "say of themselves", so `make run` without the real directory shows the feature.

Only listings of the generated sample (Dataset.SAMPLE) get these facts,
stamped as sample data, which their pages say plainly. Dated from now: the
openings of the first are current, those of the last are older than 30 days
and so hidden, as a real program's stale answer would be.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.utils import timezone

from directory.models import Dataset, Facility
from programs.models import ProgramFacts, StampKind
from programs.services import program_facts_update

IOP_CODE = "OIT"
# (changes, days ago they were said): evening and weekend groups, a waiting list, virtual IOP, a stale answer.
SAMPLE_FACTS: list[tuple[dict[str, Any], int]] = [
    (
        {
            "iop_days": ["mon", "wed", "thu"], "hours_per_week": 9, "day_track": True, "evening_track": True,
            "typical_weeks": 8, "openings": "yes", "intake_phone": "555-0100 x2", "virtual_iop": True,
            "languages": ["English", "Spanish"], "insurance_plans": ["Medicaid", "Sample Health Plan"],
        },
        3,
    ),
    (
        {
            "iop_days": ["tue", "thu", "sat"], "hours_per_week": 10, "evening_track": True, "weekend_track": True,
            "typical_weeks": 10, "openings": "waiting-list", "waiting_list_weeks": 2, "virtual_iop": False,
        },
        10,
    ),
    (
        {"iop_days": ["mon", "tue", "wed", "thu", "fri"], "hours_per_week": 15, "day_track": True,
         "openings": "yes", "virtual_iop": True, "languages": ["English"]},
        45,
    ),
]  # fmt: skip


def sample_program_facts(*, now: datetime | None = None) -> list[ProgramFacts]:
    """Give the first few published IOP sample listings their sample facts (again, dated from `now`)."""
    from directory.search.legend import legend

    now = now or timezone.now()
    iop = legend().by_code.get(IOP_CODE)
    samples = Facility.objects.filter(dataset=Dataset.SAMPLE, published=True).order_by("pk")
    listings = [facility for facility in samples if iop is None or iop.bit in facility.service_bits()]
    given = []
    for facility, (changes, days_ago) in zip(listings, SAMPLE_FACTS, strict=False):
        given.append(
            program_facts_update(
                facility=facility, changes=changes, kind=StampKind.SAMPLE, at=now - timedelta(days=days_ago)
            )
        )
    return given
