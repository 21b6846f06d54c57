"""From an HSDS id back to the facility.

The ids are name-based UUIDs of public ids (directory.hsds_ids), so they
cannot be read backwards: each kind's map from id to facility is built the
first time that kind is asked for, and again when the directory's revision
(directory.revision) says it has changed since. A facility found through the map
is checked against its own public id, so a map older than the database can
cost a rebuild but never give the wrong listing.
"""

from __future__ import annotations

import threading
import uuid

from directory.hsds_ids import hsds_id
from directory.models import Facility
from directory.revision import directory_revision

# The objects there is exactly one of per facility.
KINDS = ("service", "organization", "location", "service_at_location")

_lock = threading.Lock()
_maps: dict[str, tuple[str | None, dict[str, int]]] = {}


def facility_pk_for(kind: str, identifier: str) -> int | None:
    """The primary key of the facility whose `kind` has the HSDS id `identifier`, or None."""
    if kind not in KINDS:
        raise ValueError(f"no HSDS {kind} per facility")
    try:
        key = str(uuid.UUID(identifier.strip()[:40]))
    except ValueError:
        return None
    for rebuilt in (False, True):
        held = _maps.get(kind)
        pk = held[1].get(key) if held else None
        if pk is not None and _is(kind, key, pk):
            return pk
        if rebuilt or not _rebuild_if_changed(kind, held):
            return None
    return None


def facility_for(kind: str, identifier: str) -> Facility | None:
    pk = facility_pk_for(kind, identifier)
    return Facility.objects.filter(pk=pk).first() if pk is not None else None


def _is(kind: str, key: str, pk: int) -> bool:
    public_id = Facility.objects.filter(pk=pk).values_list("public_id", flat=True).first()
    return public_id is not None and hsds_id(kind, public_id) == key


def _rebuild_if_changed(kind: str, held: tuple[str | None, dict[str, int]] | None) -> bool:
    """Build the map again when the directory has changed since it was built; True when it was."""
    token = directory_revision()
    if held is not None and held[0] == token and token:
        return False
    with _lock:
        rows = Facility.objects.values_list("pk", "public_id")
        _maps[kind] = (token, {hsds_id(kind, public_id): pk for pk, public_id in rows})
    return True
