"""Real listings of the test directory to give program facts to, picked by query."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.utils import timezone

from directory.geocoding import Point
from directory.models import Facility
from directory.search.legend import legend
from programs.models import ProgramFacts, StampKind
from programs.services import program_facts_update

ZIP = "77002"  # Houston: dozens of IOP programs within 25 miles

EVERYTHING: dict[str, Any] = {
    "iop_days": ["mon", "wed", "thu"], "hours_per_week": 9, "day_track": True, "evening_track": True,
    "weekend_track": False, "typical_weeks": 8, "openings": "waiting-list", "waiting_list_weeks": 3,
    "intake_phone": "713-555-0142", "website": "https://example.org/iop", "virtual_iop": True,
    "languages": ["English", "Vietnamese"], "insurance_plans": ["Medicaid", "Example Health"],
}  # fmt: skip


def iop_listings_near(zip_code: str = ZIP, count: int = 3) -> list[Facility]:
    """Published IOP listings of known position in a ZIP code's city, lowest ids first."""
    iop = legend().by_code["OIT"]
    found = []
    place = Facility.objects.filter(zip_code=zip_code).values_list("city", "state").first()
    assert place is not None
    for facility in Facility.objects.filter(
        published=True, city=place[0], state=place[1], latitude__isnull=False
    ).order_by("pk"):
        if iop.bit in facility.service_bits():
            found.append(facility)
        if len(found) == count:
            return found
    raise AssertionError(f"fewer than {count} IOP listings in {place}")


def point_of(facility: Facility) -> Point:
    assert facility.latitude is not None and facility.longitude is not None
    return Point(facility.latitude, facility.longitude)


def say(
    facility: Facility, changes: dict[str, Any], *, days_ago: int = 0, kind: str = StampKind.PROGRAM
) -> ProgramFacts:
    at: datetime = timezone.now() - timedelta(days=days_ago)
    return program_facts_update(facility=facility, changes=changes, kind=kind, at=at)
