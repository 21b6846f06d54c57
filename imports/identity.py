"""How a row of one edition is recognised in the next.

The workbooks carry no stable facility ID, so a listing is known by its
normalised name, program and address. A handful of rows share even those and
differ only in phone or services: they are told apart by a rank within the
group, ordered by phone and then content, so the same file always gives the
same keys. FindTreatment.gov rows carry their own `frid`, which wins.
"""

from __future__ import annotations

import base64
import hashlib
from collections import defaultdict
from collections.abc import Iterable

from imports.readers import SourceRow


def _digest(*parts: object) -> str:
    return hashlib.sha256("\x1f".join(str(part) for part in parts).encode()).hexdigest()


def fold(value: str) -> str:
    """Case and spacing folded away: how names and addresses are compared across editions."""
    return " ".join(value.lower().split())


def content_hash(row: SourceRow) -> str:
    """A digest of everything the source says about a row but its position."""
    return _digest(
        row.name, row.program_name, row.street1, row.street2, row.city, row.state, row.zip_code,
        row.phone, "|".join(row.intake_phones), row.hotline, row.website,
        row.latitude, row.longitude, " ".join(sorted(row.service_codes)), row.source_ref,
    )  # fmt: skip


def identity_keys(rows: Iterable[SourceRow], digests: dict[int, str]) -> list[tuple[str, SourceRow]]:
    """Each row with its identity key; rows keep their order. `digests` are their content hashes."""
    groups: dict[str, list[SourceRow]] = defaultdict(list)
    base_of: dict[int, str] = {}
    for row in rows:
        if row.source_ref:
            base = "ref:" + row.source_ref
        else:
            base = _digest(*(fold(v) for v in (row.name, row.program_name, row.street1, row.street2, row.zip_code)))
        base_of[row.row_number] = base
        groups[base].append(row)
    rank: dict[int, int] = {}
    for members in groups.values():
        if len(members) > 1:
            ordered = sorted(members, key=lambda r: (r.phone, digests[r.row_number]))
            rank.update({member.row_number: position for position, member in enumerate(ordered)})
    keyed = []
    for number, row in ((r.row_number, r) for group in groups.values() for r in group):
        key = _digest(base_of[number], rank.get(number, 0))
        keyed.append((key, row))
    keyed.sort(key=lambda pair: pair[1].row_number)
    return keyed


def public_id_for(dataset: str, identity_key: str, attempt: int = 0) -> str:
    """A short, URL-safe, stable identifier derived from the identity.

    A listing kept through a rename (imports.rename_match) keeps the id of its
    old identity; should that identity come back as a new listing, its id is
    taken, and a further `attempt` gives another.
    """
    salt = f":{attempt}" if attempt else ""
    raw = hashlib.sha256(f"{dataset}:{identity_key}{salt}".encode()).digest()
    return base64.b32encode(raw).decode()[:10].lower()
