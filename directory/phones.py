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


@lru_cache(maxsize=4096)
def parse_phone(raw: str) -> Phone:
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
