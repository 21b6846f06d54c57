"""Phone numbers as the directory gives them ("928-783-9362 x101"), shown and dialled.

Numbers are stored exactly as the source wrote them and formatted only for
display, so an import never spends time on them and nothing is lost.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import phonenumbers


@dataclass(frozen=True)
class Phone:
    raw: str
    display: str
    tel: str  # an RFC 3966 tel: URI, extension included, or "" when undiallable


@lru_cache(maxsize=4096)
def parse_phone(raw: str) -> Phone:
    try:
        number = phonenumbers.parse(raw, "US")
    except phonenumbers.NumberParseException:
        return Phone(raw, raw, "")
    if not phonenumbers.is_possible_number(number):
        return Phone(raw, raw, "")
    display = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
    tel = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.RFC3966)
    return Phone(raw, display, tel)
