"""The second matching pass: a listing that was renamed or whose street line changed keeps its page.

The identity key (imports.identity) changes with the name, the program name
or the street line, so without this pass a renamed program would be
unpublished and come back as a new listing with a new public_id, breaking
every shared link and bookmark to it.

After the identity match, a still-unmatched row is paired with a
still-unmatched published facility when both share the ZIP code and one of
these pairs of facts:

- the street line and the main phone number (the program was renamed),
- the street line and the organization name (a program renamed, a new phone),
- the street line and the program name (an organization renamed or taken over),
- the main phone number and both names (it moved, or its street was re-spelled).

ZIP and street alone are not enough: office buildings and hospitals house
several unrelated programs, and on the 2022 -> 2023 refresh several such
pairs were a new tenant in the building. ZIP and phone alone are not enough
either: an organization may answer for several of its programs, at different
addresses, on one number. A pair is made only when it is the sole candidate
both ways; anything ambiguous stays a removal plus an addition, as before
this pass existed.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Mapping
from typing import NamedTuple, Protocol

from imports.identity import fold
from imports.readers import SourceRow


class Described(Protocol):
    """The facts compared, as both a SourceRow and a stored Facility have them."""

    @property
    def name(self) -> str: ...
    @property
    def program_name(self) -> str: ...
    @property
    def street1(self) -> str: ...
    @property
    def zip_code(self) -> str: ...
    @property
    def phone(self) -> str: ...


class StoredListing(NamedTuple):
    name: str
    program_name: str
    street1: str
    zip_code: str
    phone: str


STORED_FIELDS = list(StoredListing._fields)

# Spellings that one edition writes out and another abbreviates (USPS forms).
_STREET_WORDS = {
    "street": "st", "saint": "st", "avenue": "ave", "road": "rd", "boulevard": "blvd", "drive": "dr",
    "lane": "ln", "court": "ct", "place": "pl", "parkway": "pkwy", "highway": "hwy", "circle": "cir",
    "terrace": "ter", "square": "sq", "mount": "mt", "suite": "ste", "building": "bldg", "floor": "fl",
    "north": "n", "south": "s", "east": "e", "west": "w",
    "northeast": "ne", "northwest": "nw", "southeast": "se", "southwest": "sw",
    "first": "1st", "second": "2nd", "third": "3rd", "fourth": "4th", "fifth": "5th",
}  # fmt: skip
_NOT_ALPHANUMERIC = re.compile(r"[^a-z0-9]+")
_EXTENSION = re.compile(r"\s*(?:x|ext)\.?\s*\d.*$", re.IGNORECASE)


def street_line(street1: str) -> str:
    """Case, spacing, punctuation and the usual abbreviations folded."""
    words = _NOT_ALPHANUMERIC.sub(" ", street1.lower()).split()
    return " ".join(_STREET_WORDS.get(word, word) for word in words)


def main_phone(phone: str) -> str:
    """The number's ten digits without extension or leading 1; "" when it has fewer.

    Not directory.phones.parse_phone: that formats for display and costs far
    more, and an import compares thousands of numbers only by their digits.
    """
    digits = re.sub(r"\D", "", _EXTENSION.sub("", phone))
    if len(digits) == 11 and digits.startswith("1"):
        digits = digits[1:]
    return digits if len(digits) >= 10 else ""


def secondary_keys(listing: Described) -> list[tuple[str, ...]]:
    """The keys a listing can be paired by; each holds the ZIP code and two more facts."""
    zip_code, street, phone = listing.zip_code, street_line(listing.street1), main_phone(listing.phone)
    name, program = fold(listing.name), fold(listing.program_name)
    keys: list[tuple[str, ...]] = []
    if street and phone:
        keys.append(("street+phone", zip_code, street, phone))
    if street:
        keys.append(("street+organization", zip_code, street, name))
    if street and program:
        keys.append(("street+program", zip_code, street, program))
    if phone:
        keys.append(("phone+names", zip_code, phone, name, program))
    return keys


def pair_renamed(rows: Mapping[str, SourceRow], facilities: Mapping[str, Described]) -> dict[str, str]:
    """Unmatched rows and facilities, each by its identity key: row key -> facility key, unambiguous pairs only.

    Rows carrying the source's own ID (FindTreatment's frid) are left alone:
    a new ID is the source saying it is a new listing.
    """
    by_key: dict[tuple[str, ...], set[str]] = defaultdict(set)
    for facility_key, facility in facilities.items():
        for key in secondary_keys(facility):
            by_key[key].add(facility_key)
    candidates: dict[str, set[str]] = {}
    suitors: dict[str, set[str]] = defaultdict(set)
    for row_key, row in rows.items():
        if row.source_ref:
            continue
        found = {facility_key for key in secondary_keys(row) for facility_key in by_key.get(key, ())}
        if found:
            candidates[row_key] = found
            for facility_key in found:
                suitors[facility_key].add(row_key)
    pairs = {}
    for row_key, found in candidates.items():
        if len(found) == 1:
            (facility_key,) = found
            if len(suitors[facility_key]) == 1:
                pairs[row_key] = facility_key
    return pairs
