"""What every reader checks before a row may become a listing.

A row that cannot be right (a state that is no US state or territory, ZIP
00000, a "phone number" that is script, a name longer than any real one) is
rejected with its reason instead of being published; the import's rejected-rows
report lists it for the operator.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

import phonenumbers
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator

from directory.search.states import STATE_NAMES

# The longest values the listing's columns hold (directory.models.Facility).
MAX_LENGTHS = {"name": 300, "program_name": 300, "street1": 300, "street2": 300, "city": 120}
MAX_PHONE_LENGTH = 60
MAX_WEBSITE_LENGTH = 500
NO_ZIP = "00000"

_web_address = URLValidator(schemes=["http", "https"])


def address_problem(name: str, city: str, state: str, zip_code: str) -> str:
    """Why a row's name and address cannot be a listing, or ""."""
    if not name:
        return "no facility name"
    if not city:
        return "no city"
    if state not in STATE_NAMES:
        return f"state {state[:20]!r} is not a US state or territory" if state else "no state"
    if not zip_code:
        return "no valid 5-digit ZIP code"
    if zip_code == NO_ZIP:
        return "ZIP code 00000 is no place"
    return ""


def length_problem(values: dict[str, str]) -> str:
    for column, limit in MAX_LENGTHS.items():
        if len(values.get(column, "")) > limit:
            return f"{column.replace('_', ' ')} is longer than {limit} characters"
    return ""


@lru_cache(maxsize=8192)
def is_phone_number(raw: str) -> bool:
    """A number a person could dial: vanity letters and extensions allowed, script and prose not."""
    if len(raw) > MAX_PHONE_LENGTH or not any(character.isdigit() for character in raw):
        return False
    try:
        number = phonenumbers.parse(raw, "US")
    except phonenumbers.NumberParseException:
        return False
    return phonenumbers.is_possible_number(number)


def phone_problem(*phones: str) -> str:
    for phone in phones:
        if phone and not is_phone_number(phone):
            return f"{phone[:40]!r} is not a phone number"
    return ""


def web_address(raw: Any) -> tuple[str, str]:
    """(the address to publish, the problem): "www.x.org" gains http://, anything but a web address is refused."""
    value = " ".join(str(raw or "").split())
    if not value:
        return "", ""
    if "://" not in value and ":" not in value.split("/")[0]:
        value = "http://" + value
    try:
        _web_address(value)
    except ValidationError:
        return "", f"website {value[:40]!r} is not a web address"
    if len(value) > MAX_WEBSITE_LENGTH:
        return "", f"website is longer than {MAX_WEBSITE_LENGTH} characters"
    return value, ""
