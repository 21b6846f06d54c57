"""U.S. states and territories the directory lists, by postal code."""

from __future__ import annotations

from django.utils.text import slugify

STATE_NAMES = {
    "AL": "Alabama", "AK": "Alaska", "AZ": "Arizona", "AR": "Arkansas", "CA": "California", "CO": "Colorado",
    "CT": "Connecticut", "DE": "Delaware", "DC": "District of Columbia", "FL": "Florida", "GA": "Georgia",
    "HI": "Hawaii", "ID": "Idaho", "IL": "Illinois", "IN": "Indiana", "IA": "Iowa", "KS": "Kansas",
    "KY": "Kentucky", "LA": "Louisiana", "ME": "Maine", "MD": "Maryland", "MA": "Massachusetts",
    "MI": "Michigan", "MN": "Minnesota", "MS": "Mississippi", "MO": "Missouri", "MT": "Montana",
    "NE": "Nebraska", "NV": "Nevada", "NH": "New Hampshire", "NJ": "New Jersey", "NM": "New Mexico",
    "NY": "New York", "NC": "North Carolina", "ND": "North Dakota", "OH": "Ohio", "OK": "Oklahoma",
    "OR": "Oregon", "PA": "Pennsylvania", "RI": "Rhode Island", "SC": "South Carolina", "SD": "South Dakota",
    "TN": "Tennessee", "TX": "Texas", "UT": "Utah", "VT": "Vermont", "VA": "Virginia", "WA": "Washington",
    "WV": "West Virginia", "WI": "Wisconsin", "WY": "Wyoming", "PR": "Puerto Rico", "GU": "Guam",
    "VI": "U.S. Virgin Islands", "AS": "American Samoa", "MP": "Northern Mariana Islands",
    "FM": "Federated States of Micronesia", "MH": "Marshall Islands", "PW": "Palau",
}  # fmt: skip

_BY_NAME = {name.lower(): code for code, name in STATE_NAMES.items()}
_BY_SLUG = {slugify(name): code for code, name in STATE_NAMES.items()}


def state_code(text: str) -> str | None:
    """The postal code for "TX", "tx" or "Texas"; None for anything else."""
    text = " ".join(text.split()).strip(" .")
    if text.upper() in STATE_NAMES:
        return text.upper()
    return _BY_NAME.get(text.lower())


def state_slug(code: str) -> str:
    return slugify(STATE_NAMES.get(code, code))


def state_from_slug(slug: str) -> str | None:
    return _BY_SLUG.get(slug)
