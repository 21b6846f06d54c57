"""What a person typed as a place, turned into a point or a state to search.

Accepted: a 5-digit ZIP (ZIP+4 too), "City, ST", "lat,lon", a state's name or
code for browsing a whole state, and a pasted street address (searched by its
ZIP code, or its city). Look-ups use the Place table (all ZIP codes, loaded
by migration), never a per-request scan of a package. What is almost right
("Huston, TX") gets suggestions from directory.search.place_names.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import lru_cache

from django.db import connection
from django.utils.translation import gettext as _

from directory.geocoding import Point
from directory.models import Place
from directory.search import place_names
from directory.search.states import STATE_NAMES, state_code, state_name
from directory.zip_places import MILITARY, city_center

ZIP_PATTERN = re.compile(r"^(\d{5})(?:-\d{4})?$")
LAT_LON_PATTERN = re.compile(r"^(-?\d{1,2}(?:\.\d+)?)\s*,\s*(-?\d{1,3}(?:\.\d+)?)$")
MAX_SUGGESTIONS = 6

# How exact a searched point is: distances from a ZIP code's or a city's
# center are only "about" so many miles.
EXACT, ZIP_CENTER, CITY_CENTER = "exact", "zip", "city"


@dataclass(frozen=True)
class Suggestion:
    label: str
    where: str  # what to search for instead


@dataclass(frozen=True)
class Location:
    """A resolved place: a point to measure from, or a whole state or city (point is None)."""

    label: str
    point: Point | None = None
    state: str | None = None
    city: str = ""  # a city of no known center is searched by name within its state
    precision: str = EXACT  # of the point
    zip_code: str = ""  # the ZIP code searched from, when it was one
    note: str = ""  # how what was typed was understood, when it was not taken as it is
    # The state a ZIP code's or a city's point lies in (`state` stays empty: a point search crosses state lines).
    within_state: str = ""


@dataclass(frozen=True)
class LocationNotFound:
    message: str
    suggestions: list[Suggestion] = field(default_factory=list)


def resolve_location(text: str) -> Location | LocationNotFound:
    text = " ".join(text.split())
    if not text:
        return LocationNotFound(_("Enter a ZIP code, a city and state (such as Houston, TX), or a state."))
    if match := ZIP_PATTERN.match(text):
        return _zip_location(match.group(1))
    if match := LAT_LON_PATTERN.match(text):
        return point_location(float(match.group(1)), float(match.group(2)))
    if state := state_code(text):
        return Location(label=state_name(state), state=state)
    if address := place_names.street_address(text):
        return _address_location(address)
    if city_state := _city_and_state(text):
        return _city_location(*city_state)
    return _city_anywhere(text)


def point_location(latitude: float, longitude: float) -> Location | LocationNotFound:
    if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
        return LocationNotFound(
            _("Those coordinates are not on the map: latitude is -90 to 90, longitude -180 to 180.")
        )
    return Location(label=_("your location"), point=Point(latitude, longitude))


def _city_and_state(text: str) -> tuple[str, str] | None:
    """("Charleston", "WV") for "Charleston, WV", "charleston wv" or "Charleston West Virginia"."""
    words = text.replace(",", " ").split()
    for size in (3, 2, 1):  # the longest state name first: "West Virginia" before "Virginia"
        if len(words) > size and (state := state_code(" ".join(words[-size:]))):
            return " ".join(words[:-size]), state
    return None


@lru_cache(maxsize=8192)
def _zip_place(zip_code: str) -> tuple[str, str, str, float | None, float | None]:
    """(city, state, kind, latitude, longitude) of a ZIP code; Place.DoesNotExist when there is none.

    Kept per process, as the Place table is written only by its migration and
    the query cost a quarter of a whole search. Misses raise, so none is kept.
    """
    with connection.cursor() as cursor:  # a plain query: through the ORM, building it cost more than asking
        cursor.execute(_ZIP_SQL, [zip_code])
        row = cursor.fetchone()
    if row is None:
        raise Place.DoesNotExist(zip_code)
    return row


_ZIP_SQL = "SELECT city, state, kind, latitude, longitude FROM directory_place WHERE zip_code = %s"


def _zip_location(zip_code: str) -> Location | LocationNotFound:
    try:
        city, state, kind, latitude, longitude = _zip_place(zip_code)
    except Place.DoesNotExist:
        pass
    else:
        label = f"{zip_code} ({city}, {state})"
        if latitude is not None and longitude is not None:
            point = Point(latitude, longitude)
            return Location(label=label, point=point, precision=ZIP_CENTER, zip_code=zip_code, within_state=state)
        if kind == MILITARY or state not in STATE_NAMES:
            return LocationNotFound(
                _(
                    "ZIP code %(zip)s is a military or overseas mail address, not a place on the map. "
                    "Enter the ZIP code or city where you are."
                )
                % {"zip": zip_code}
            )
        return _centerless_zip(zip_code, city, state)
    nearby = Place.objects.filter(zip_code__startswith=zip_code[:3]).order_by("zip_code")[:MAX_SUGGESTIONS]
    return LocationNotFound(
        _("We could not find the ZIP code %(zip)s. Check the number, or try a nearby ZIP code or your city.")
        % {"zip": zip_code},
        [Suggestion(f"{p.zip_code} ({p.city}, {p.state})", p.zip_code) for p in nearby],
    )


def _centerless_zip(zip_code: str, city: str, state: str) -> Location:
    """A real ZIP code without a center of its own (a post-office box, one organization): its city stands in."""
    found = _city_location(city, state)
    if isinstance(found, LocationNotFound):  # a city outside the states listed
        found = Location(label=f"{city}, {state}", state=state, city=city)
    note = _("ZIP code %(zip)s has no map position of its own, so we used %(city)s, %(state)s instead.") % {
        "zip": zip_code,
        "city": city,
        "state": state,
    }
    return replace(found, note=note)


def _city_location(city: str, state: str) -> Location | LocationNotFound:
    known = place_names.known_city(city, state)
    if known is None:
        return LocationNotFound(
            _("We could not find %(city)s in %(state)s. Check the spelling, or search by ZIP code.")
            % {"city": city, "state": state_name(state)},
            [_city_suggestion(name, state) for name in place_names.similar_cities(city, state, MAX_SUGGESTIONS)],
        )
    label = f"{known}, {state}"
    point = city_center(known, state)
    if point is None:
        note = _("%(place)s has no known map position: these are the programs listed in it.") % {"place": label}
        return Location(label=label, state=state, city=known, note=note)
    return Location(label=label, point=point, precision=CITY_CENTER, within_state=state)


def _city_anywhere(text: str) -> Location | LocationNotFound:
    """A city without its state: the one state that has it, or the states likely meant."""
    place = text[:120]
    states = place_names.states_with_city(place)
    if len(states) == 1:
        found = _city_location(place, states[0])
        if isinstance(found, Location):
            note = _("We searched %(place)s, the only place of that name we know.") % {"place": found.label}
            return replace(found, note=" ".join(filter(None, (found.note, note))))
    if states:
        likely = states[:MAX_SUGGESTIONS]
        return LocationNotFound(
            _("%(place)s is in more than one state. Choose one, or enter a ZIP code.") % {"place": place},
            [_city_suggestion(place_names.known_city(place, state) or place, state) for state in likely],
        )
    return LocationNotFound(
        _("We could not tell where %(place)s is. Add the state (such as Houston, TX) or enter a ZIP code.")
        % {"place": place},
        [_city_suggestion(name, state) for name, state in place_names.similar_cities_anywhere(place, MAX_SUGGESTIONS)],
    )


def _city_suggestion(city: str, state: str) -> Suggestion:
    return Suggestion(f"{city}, {state}", f"{city}, {state}")


def _address_location(address: place_names.StreetAddress) -> Location | LocationNotFound:
    """A pasted street address: searched from its ZIP code, else its city, and said so."""
    if address.zip_code:
        found = _zip_location(address.zip_code)
        if isinstance(found, Location) and found.point is not None:
            note = _(
                "We searched from the center of ZIP code %(zip)s in the address you entered, not the street address."
            ) % {"zip": address.zip_code}
            return replace(found, note=note)
    if city_state := _city_and_state(address.place):
        found = _city_location(*city_state)
        if isinstance(found, Location):
            note = _("We searched from the center of %(place)s in the address you entered, not the street address.")
            return replace(found, note=" ".join(filter(None, (found.note, note % {"place": found.label}))))
        return found
    if address.zip_code:
        return _zip_location(address.zip_code)
    return LocationNotFound(
        _("We search by ZIP code or city, not by street. Add the ZIP code or the city and state of the address.")
    )
