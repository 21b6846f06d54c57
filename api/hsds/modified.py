"""When a listing last changed, as HSDS publishes it: `last_modified` and the `modified_after` filter.

The one place that says which date that is. Today it is the facility row's
own `updated_at` (any write to the listing); when each field carries the date
it was last confirmed, switch MODIFIED_FIELD and modified_at() here and both
the answers and the filter follow.
"""

from __future__ import annotations

from datetime import UTC, datetime

from directory.models import Facility

MODIFIED_FIELD = "updated_at"


def modified_at(facility: Facility) -> datetime:
    return facility.updated_at


def modified_text(facility: Facility) -> str:
    """As HSDS writes it: UTC, to the millisecond (2023-03-15T10:30:45.123Z)."""
    return modified_at(facility).astimezone(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def facility_ids_modified_after(when: datetime) -> frozenset[int]:
    """The published facilities changed on or after `when` (HSDS: "modified on or after this datetime")."""
    changed = Facility.objects.filter(published=True, **{f"{MODIFIED_FIELD}__gte": when})
    return frozenset(changed.values_list("id", flat=True))
