"""The Open Referral (HSDS 3.0) identifiers of a listing, for the HSDS API, our own API and the facility page.

Name-based UUIDs of the facility's public id: as stable as the public id,
which an import keeps through renames and moves (imports/rename_match.py),
and computable anywhere without a stored column.
"""

from __future__ import annotations

import hashlib
import uuid

NAMESPACE = uuid.UUID("6f3c1d2e-9a41-5b7e-8c55-1f0e2a3b4c5d")
_NAMESPACE_BYTES = NAMESPACE.bytes


def hsds_id(kind: str, key: str) -> str:
    """The id of the HSDS object `kind` (service, organization, location, ...) made from `key`.

    Exactly str(uuid.uuid5(NAMESPACE, f"{kind}:{key}")) (RFC 4122 version 5), written
    out by hand: a full page of services needs thousands, and building UUID objects
    cost a third of it.
    """
    digest = bytearray(hashlib.sha1(_NAMESPACE_BYTES + f"{kind}:{key}".encode(), usedforsecurity=False).digest()[:16])
    digest[6] = (digest[6] & 0x0F) | 0x50  # version 5
    digest[8] = (digest[8] & 0x3F) | 0x80  # RFC 4122 variant
    text = digest.hex()
    return f"{text[:8]}-{text[8:12]}-{text[12:16]}-{text[16:20]}-{text[20:]}"


def service_id(public_id: str) -> str:
    """The listing's HSDS service: what /hsds/services/{id} answers."""
    return hsds_id("service", public_id)
