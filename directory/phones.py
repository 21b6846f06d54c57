"""Phone numbers as the directory gives them ("928-783-9362 x101"), shown and dialled.

Numbers are stored exactly as the source wrote them and formatted only for
display, so an import never spends time on them and nothing is lost.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import phonenumbers


@dataclass(frozen=True)
class Phone:
    raw: str
    display: str
    tel: str  # an RFC 3966 tel: URI, extension included, or "" when undiallable
    line: str = ""  # the number without its extension, as the source wrote it
    extension: str = ""


# A facility's numbers, in the order its page lists them.
MAIN, INTAKE, HOTLINE = "main", "intake", "hotline"

# How the SAMHSA directory writes nearly all of its numbers ("928-783-9362 x101"): a US number
# whose area code and exchange cannot be mistaken for a trunk prefix, with or without an extension.
_DIRECTORY_STYLE = re.compile(r"([2-9]\d\d)-([2-9]\d\d)-(\d{4})(?: x(\d{1,6}))?")


@lru_cache(maxsize=4096)
def parse_phone(raw: str) -> Phone:
    """The number shown and dialled. Written as the directory writes its numbers, it is formatted
    here directly, as phonenumbers formats it (directory/tests/test_phones.py compares the two on
    every number of the real directory): phonenumbers took a third of a page of HSDS services."""
    plain = _DIRECTORY_STYLE.fullmatch(raw)
    if plain is not None:
        return _directory_style(raw, *plain.groups())
    return parse_phone_with_phonenumbers(raw)


def _directory_style(raw: str, area: str, exchange: str, subscriber: str, extension: str | None) -> Phone:
    kept = extension if extension and extension.strip("0") else ""  # "x0" is no extension (see below)
    display = f"({area}) {exchange}-{subscriber}" + (f" ext. {kept}" if kept else "")
    tel = f"tel:+1-{area}-{exchange}-{subscriber}" + (f";ext={kept}" if kept else "")
    return Phone(raw, display, tel, raw[: len("928-783-9362")] if extension else raw, kept)


def parse_phone_with_phonenumbers(raw: str) -> Phone:
    try:
        number = phonenumbers.parse(raw, "US")
    except phonenumbers.NumberParseException:
        return Phone(raw, raw, "", raw)
    if not phonenumbers.is_possible_number(number):
        return Phone(raw, raw, "", raw)
    extension = number.extension or ""
    if not extension.strip("0"):
        # "x0" (126 listings in 2023) is no extension: showing "ext. 0" or dialling it helps no one.
        number.extension = None
    display = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
    tel = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.RFC3966)
    line = _without_extension(raw) if extension else raw
    return Phone(raw, display, tel, line, number.extension or "")


def same_line(first: str, second: str) -> bool:
    """Whether two numbers as written dial the same line ("888-727-6398" and "888-PARNEXT")."""
    one, other = parse_phone(first), parse_phone(second)
    return bool(one.tel) and one.tel == other.tel


def _without_extension(raw: str) -> str:
    """The source's text up to where its extension starts ("928-783-9362 x101" -> "928-783-9362")."""
    marker = re.search(r"\s*(?:x|ext\.?|extension|#)\s*\d+\s*$", raw, re.IGNORECASE)
    return raw[: marker.start()] if marker else raw


def valid_number(raw: str, *, us_only: bool = False) -> phonenumbers.PhoneNumber | None:
    """What a person typed as a phone number, read as dialled from the US; None unless it is a valid number.

    `us_only` keeps only numbers of the North American plan (a listing's own lines).
    """
    try:
        number = phonenumbers.parse(raw.strip(), "US")
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(number) or (us_only and number.country_code != 1):
        return None
    return number
