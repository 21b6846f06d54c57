"""U.S. states and territories the directory lists, by postal code.

Names stay English where they are keys (URL slugs, what the importer reads);
people see them in their language (`state_name`) and may type them in it.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

from django.conf import settings
from django.utils import translation
from django.utils.text import slugify
from django.utils.translation import gettext, gettext_noop

STATE_NAMES = {
    "AL": gettext_noop("Alabama"),
    "AK": gettext_noop("Alaska"),
    "AZ": gettext_noop("Arizona"),
    "AR": gettext_noop("Arkansas"),
    "CA": gettext_noop("California"),
    "CO": gettext_noop("Colorado"),
    "CT": gettext_noop("Connecticut"),
    "DE": gettext_noop("Delaware"),
    "DC": gettext_noop("District of Columbia"),
    "FL": gettext_noop("Florida"),
    "GA": gettext_noop("Georgia"),
    "HI": gettext_noop("Hawaii"),
    "ID": gettext_noop("Idaho"),
    "IL": gettext_noop("Illinois"),
    "IN": gettext_noop("Indiana"),
    "IA": gettext_noop("Iowa"),
    "KS": gettext_noop("Kansas"),
    "KY": gettext_noop("Kentucky"),
    "LA": gettext_noop("Louisiana"),
    "ME": gettext_noop("Maine"),
    "MD": gettext_noop("Maryland"),
    "MA": gettext_noop("Massachusetts"),
    "MI": gettext_noop("Michigan"),
    "MN": gettext_noop("Minnesota"),
    "MS": gettext_noop("Mississippi"),
    "MO": gettext_noop("Missouri"),
    "MT": gettext_noop("Montana"),
    "NE": gettext_noop("Nebraska"),
    "NV": gettext_noop("Nevada"),
    "NH": gettext_noop("New Hampshire"),
    "NJ": gettext_noop("New Jersey"),
    "NM": gettext_noop("New Mexico"),
    "NY": gettext_noop("New York"),
    "NC": gettext_noop("North Carolina"),
    "ND": gettext_noop("North Dakota"),
    "OH": gettext_noop("Ohio"),
    "OK": gettext_noop("Oklahoma"),
    "OR": gettext_noop("Oregon"),
    "PA": gettext_noop("Pennsylvania"),
    "RI": gettext_noop("Rhode Island"),
    "SC": gettext_noop("South Carolina"),
    "SD": gettext_noop("South Dakota"),
    "TN": gettext_noop("Tennessee"),
    "TX": gettext_noop("Texas"),
    "UT": gettext_noop("Utah"),
    "VT": gettext_noop("Vermont"),
    "VA": gettext_noop("Virginia"),
    "WA": gettext_noop("Washington"),
    "WV": gettext_noop("West Virginia"),
    "WI": gettext_noop("Wisconsin"),
    "WY": gettext_noop("Wyoming"),
    "PR": gettext_noop("Puerto Rico"),
    "GU": gettext_noop("Guam"),
    "VI": gettext_noop("U.S. Virgin Islands"),
    "AS": gettext_noop("American Samoa"),
    "MP": gettext_noop("Northern Mariana Islands"),
    "FM": gettext_noop("Federated States of Micronesia"),
    "MH": gettext_noop("Marshall Islands"),
    "PW": gettext_noop("Palau"),
}

_BY_SLUG = {slugify(name): code for code, name in STATE_NAMES.items()}


def state_name(code: str) -> str:
    """The state's name in the active language ("Nuevo México" in Spanish)."""
    return gettext(STATE_NAMES[code])


def state_code(text: str) -> str | None:
    """The postal code for "TX", "tx", "Texas" or "Carolina del Norte"; None for anything else."""
    text = " ".join(text.split()).strip(" .")
    if text.upper() in STATE_NAMES:
        return text.upper()
    return _codes_by_name().get(_folded(text))


@lru_cache(maxsize=1)
def _codes_by_name() -> dict[str, str]:
    """Every state's name in every language the site speaks, accents and case folded away."""
    names: dict[str, str] = {}
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            names |= {_folded(gettext(name)): code for code, name in STATE_NAMES.items()}
    return names | {_folded(name): code for code, name in STATE_NAMES.items()}


def _folded(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c)).casefold()


def state_slug(code: str) -> str:
    return slugify(STATE_NAMES.get(code, code))


def state_from_slug(slug: str) -> str | None:
    return _BY_SLUG.get(slug)
