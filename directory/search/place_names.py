"""City names as people type them: exact ("saint louis" for "St. Louis"), almost right, or inside a street address.

Suggestions for a misspelt city come from rapidfuzz's optimal string
alignment distance (Levenshtein where a swapped pair of letters is one slip,
as people make them) over the city names of the Place table, closest first,
then largest (most ZIP codes) first: "Huston, TX" offers Houston before Austin.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache

from django.db.models import Count
from rapidfuzz import process
from rapidfuzz.distance import OSA

from directory.models import Place
from directory.search.states import STATE_NAMES

# Words written short in city names; both what is typed and the table are
# folded with them, so "St Louis", "St. Louis" and "Saint Louis" are one name.
_SHORT_WORDS = {"st": "saint", "ste": "sainte", "ft": "fort", "mt": "mount", "pt": "point"}
_HOUSE_NUMBER = re.compile(r"^\d+[A-Za-z]?(?:-\d+)?\s+\S")
_ZIP_AT_END = re.compile(r"(?:^|[\s,])(\d{5})(?:-\d{4})?$")


@dataclass(frozen=True)
class City:
    name: str  # as the table spells it
    state: str
    zip_codes: int


@dataclass(frozen=True)
class StreetAddress:
    """A pasted address: its ZIP code, and its "City, ST" part ("" for either when absent)."""

    zip_code: str
    place: str


def fold(name: str) -> str:
    """Case, accents, punctuation and short words folded away: "St. Mary's" -> "saint marys"."""
    plain = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c)).casefold()
    words = re.sub(r"[^\w\s]", "", re.sub(r"[-./]", " ", plain)).split()
    return " ".join(_SHORT_WORDS.get(word, word) for word in words)


@lru_cache(maxsize=1)
def _cities() -> dict[str, dict[str, City]]:
    """folded name -> state -> City, for every city of the Place table (written only by migrations)."""
    found: dict[str, dict[str, City]] = defaultdict(dict)
    rows = Place.objects.values_list("city", "state").annotate(zip_codes=Count("zip_code"))
    for name, state, zip_codes in rows:
        if state in STATE_NAMES:
            found[fold(name)][state] = City(name, state, zip_codes)
    return dict(found)


@lru_cache(maxsize=1)
def _folded_names() -> list[str]:
    return list(_cities())


@lru_cache(maxsize=1)
def _folded_names_by_state() -> dict[str, list[str]]:
    by_state: dict[str, list[str]] = defaultdict(list)
    for folded, states in _cities().items():
        for state in states:
            by_state[state].append(folded)
    return dict(by_state)


def known_city(name: str, state: str) -> str | None:
    """The table's spelling of that city in that state, or None."""
    city = _cities().get(fold(name), {}).get(state)
    return city.name if city else None


def states_with_city(name: str) -> list[str]:
    """The states that have a city of exactly that name, largest namesake first."""
    cities = _cities().get(fold(name), {}).values()
    return [city.state for city in sorted(cities, key=lambda c: (-c.zip_codes, c.state))]


def _allowed_slips(folded: str) -> int:
    """How many typing slips a name of that length may hold and still be recognised."""
    return 1 if len(folded) <= 4 else 2 if len(folded) <= 8 else 3


def similar_cities(name: str, state: str, limit: int) -> list[str]:
    """Cities of the state whose names are a few slips away from `name`, closest and largest first."""
    folded = fold(name)
    if not folded:
        return []
    choices = _folded_names_by_state().get(state, [])
    matches = process.extract(folded, choices, scorer=OSA.distance, score_cutoff=_allowed_slips(folded), limit=None)
    cities = _cities()
    ranked = sorted(matches, key=lambda m: (m[1], -cities[m[0]][state].zip_codes))
    return [cities[match][state].name for match, _distance, _index in ranked[:limit]]


def similar_cities_anywhere(name: str, limit: int) -> list[tuple[str, str]]:
    """(city, state) a few slips away from `name` in any state, closest and largest first."""
    folded = fold(name)
    if not folded:
        return []
    matches = process.extract(
        folded, _folded_names(), scorer=OSA.distance, score_cutoff=_allowed_slips(folded), limit=None
    )
    cities = _cities()
    namesakes = [(distance, city) for match, distance, _index in matches for city in cities[match].values()]
    namesakes.sort(key=lambda item: (item[0], -item[1].zip_codes, item[1].state))
    return [(city.name, city.state) for _distance, city in namesakes[:limit]]


def street_address(text: str) -> StreetAddress | None:
    """A street address ("1600 Pennsylvania Ave NW, Washington, DC 20500"), or None for anything else.

    Recognised by a ZIP code after other words, or by a house number before a comma.
    """
    zip_match = _ZIP_AT_END.search(text)
    rest = text[: zip_match.start()].strip(" ,") if zip_match else text
    parts = [part.strip() for part in rest.split(",") if part.strip()]
    starts_with_number = bool(parts) and bool(_HOUSE_NUMBER.match(parts[0]))
    if not (starts_with_number or (zip_match and parts)):
        return None
    if starts_with_number:
        parts = parts[1:]
    # "Apt 4, Springfield, IL": the city and state are the last two parts.
    return StreetAddress(zip_match.group(1) if zip_match else "", ", ".join(parts[-2:]))
