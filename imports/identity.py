"""How a row of one edition is recognised in the next.

The workbooks carry no stable facility ID, so a listing is known by its
normalised name, program and address. A handful of rows share even those and
differ only in phone (or its extension) or services: they are told apart by
what tells them apart, the digits of their phone line and extension, so each
keeps its own key (and public ID) from one edition to the next whatever order
the file lists them in. Only rows that share the phone as well fall back on a
rank by content. FindTreatment.gov rows get their keys the same way, so they
meet the national directory's listings they describe.
"""

from __future__ import annotations

import base64
import hashlib
import re
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
    for row in rows:
        groups[_base(row)].append(row)
    keyed = []
    for base, members in groups.items():
        if len(members) == 1:
            keyed.append((_digest(base, 0), members[0]))
            continue
        by_line: dict[str, list[SourceRow]] = defaultdict(list)
        for member in members:
            by_line[_phone_digits(member.phone)].append(member)
        for line, siblings in by_line.items():
            ordered = sorted(siblings, key=lambda r: digests[r.row_number])
            keyed.extend((_digest(base, "tel", line, rank), row) for rank, row in enumerate(ordered))
    keyed.sort(key=lambda pair: pair[1].row_number)
    return keyed


def _base(row: SourceRow) -> str:
    return _digest(*(fold(v) for v in (row.name, row.program_name, row.street1, row.street2, row.zip_code)))


def _phone_digits(phone: str) -> str:
    """The line and extension as digits ("(530) 694-2281 x239" -> "5306942281239"), however it is spelled."""
    return re.sub(r"\D", "", phone)


def public_id_for(dataset: str, identity_key: str, attempt: int = 0) -> str:
    """A short, URL-safe, stable identifier derived from the identity.

    A listing kept through a rename (imports.rename_match) keeps the id of its
    old identity; should that identity come back as a new listing, its id is
    taken, and a further `attempt` gives another.
    """
    salt = f":{attempt}" if attempt else ""
    raw = hashlib.sha256(f"{dataset}:{identity_key}{salt}".encode()).digest()
    return base64.b32encode(raw).decode()[:10].lower()
