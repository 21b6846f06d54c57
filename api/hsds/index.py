"""From an HSDS id back to the facility.

The ids are name-based UUIDs of public ids (directory.hsds_ids), so they
cannot be read backwards: each kind's map from id to facility is built the
first time that kind is asked for, and again when facilities are added
(facilities are unpublished, never deleted, so the count tells).
"""

from __future__ import annotations

import threading
import uuid

from directory.hsds_ids import hsds_id
from directory.models import Facility

# The objects there is exactly one of per facility.
KINDS = ("service", "organization", "location", "service_at_location")

_lock = threading.Lock()
_maps: dict[str, tuple[int, dict[str, int]]] = {}


def facility_pk_for(kind: str, identifier: str) -> int | None:
    """The primary key of the facility whose `kind` has the HSDS id `identifier`, or None."""
    if kind not in KINDS:
        raise ValueError(f"no HSDS {kind} per facility")
    try:
        key = str(uuid.UUID(identifier.strip()[:40]))
    except ValueError:
        return None
    held = _maps.get(kind)
    if held is not None and key in held[1]:
        return held[1][key]
    count = Facility.objects.count()
    if held is None or held[0] != count:
        with _lock:
            rows = Facility.objects.values_list("pk", "public_id")
            held = _maps[kind] = (count, {hsds_id(kind, public_id): pk for pk, public_id in rows})
    return held[1].get(key)


def facility_for(kind: str, identifier: str) -> Facility | None:
    pk = facility_pk_for(kind, identifier)
    return Facility.objects.filter(pk=pk).first() if pk is not None else None
