"""From an HSDS id back to the facility: the ids are name-based UUIDs of public ids, so a map is rebuilt, not stored."""

from __future__ import annotations

import threading

from api.hsds.mapping import hsds_id
from directory.models import Facility

_lock = threading.Lock()
_by_id: dict[str, str] = {}
_built_for: int = -1


def public_id_for(kind: str, identifier: str) -> str | None:
    """The public id whose `kind` HSDS id is `identifier`; the map is rebuilt when facilities are added."""
    global _built_for
    identifier = identifier.strip().lower()[:36]
    found = _by_id.get(f"{kind}:{identifier}")
    if found is not None:
        return found
    count = Facility.objects.count()
    if count != _built_for:
        with _lock:
            public_ids = Facility.objects.values_list("public_id", flat=True)
            _by_id.clear()
            _by_id.update({f"service:{hsds_id('service', public_id)}": public_id for public_id in public_ids})
            _built_for = count
    return _by_id.get(f"{kind}:{identifier}")
