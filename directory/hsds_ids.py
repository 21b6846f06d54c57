"""The Open Referral (HSDS 3.0) identifiers of a listing, for the HSDS API, our own API and the facility page.

Name-based UUIDs of the facility's public id: as stable as the public id,
which an import keeps through renames and moves (imports/rename_match.py),
and computable anywhere without a stored column.
"""

from __future__ import annotations

import uuid

NAMESPACE = uuid.UUID("6f3c1d2e-9a41-5b7e-8c55-1f0e2a3b4c5d")


def hsds_id(kind: str, key: str) -> str:
    """The id of the HSDS object `kind` (service, organization, location, ...) made from `key`."""
    return str(uuid.uuid5(NAMESPACE, f"{kind}:{key}"))


def service_id(public_id: str) -> str:
    """The listing's HSDS service: what /hsds/services/{id} answers."""
    return hsds_id("service", public_id)
