"""The Open Referral (HSDS 3.0) identifiers of a listing, for the HSDS API, our own API and the facility page.

Name-based UUIDs of the facility's public id: as stable as the public id,
which an import keeps through renames and moves (imports/rename_match.py),
and computable anywhere without a stored column.
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Callable

NAMESPACE = uuid.UUID("6f3c1d2e-9a41-5b7e-8c55-1f0e2a3b4c5d")
_NAMESPACE_BYTES = NAMESPACE.bytes
_VARIANT_DIGITS = "89ab"


def hsds_id(kind: str, key: str) -> str:
    """The id of the HSDS object `kind` (service, organization, location, ...) made from `key`.

    Exactly str(uuid.uuid5(NAMESPACE, f"{kind}:{key}")) (RFC 4122 version 5), written
    out by hand: a full page of services needs thousands, and building UUID objects
    cost a third of it.
    """
    return _uuid_text(hashlib.sha1(_NAMESPACE_BYTES + f"{kind}:{key}".encode(), usedforsecurity=False).digest())


def hsds_ids_sharing(kind: str, prefix: str) -> Callable[[str], str]:
    """hsds_id(kind, prefix + key) for each key given: the hash of the part they share is taken
    once (a full service's 80 attribute ids share the service's)."""
    shared = hashlib.sha1(_NAMESPACE_BYTES + f"{kind}:{prefix}".encode(), usedforsecurity=False)

    def make(key: str) -> str:
        hashed = shared.copy()
        hashed.update(key.encode())
        return _uuid_text(hashed.digest())

    return make


def _uuid_text(digest: bytes) -> str:
    """The first 16 bytes of a SHA-1 as a version 5 UUID: the version digit replaces the
    13th hex digit, and the 17th keeps its low two bits under the RFC 4122 variant's 0b10."""
    text = digest[:16].hex()
    return f"{text[:8]}-{text[8:12]}-5{text[13:16]}-{_VARIANT_DIGITS[digest[8] >> 4 & 3]}{text[17:20]}-{text[20:32]}"


def service_id(public_id: str) -> str:
    """The listing's HSDS service: what /hsds/services/{id} answers."""
    return hsds_id("service", public_id)
