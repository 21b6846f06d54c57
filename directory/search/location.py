"""What a person typed as a place, turned into a point or a state to search.

Accepted: a 5-digit ZIP (ZIP+4 too), "City, ST", "lat,lon", or a state's
name or code for browsing a whole state. Look-ups use the Place table (all
ZIP codes, loaded once by migration), never a per-request scan of a package.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from django.db.models import Avg, Count
from django.utils.translation import gettext as _

from directory.geocoding import Point
from directory.models import Place
from directory.search.states import state_code, state_name

ZIP_PATTERN = re.compile(r"^(\d{5})(?:-\d{4})?$")
LAT_LON_PATTERN = re.compile(r"^(-?\d{1,2}(?:\.\d+)?)\s*,\s*(-?\d{1,3}(?:\.\d+)?)$")
CITY_STATE_PATTERN = re.compile(r"^(.+?)\s*,?\s+([A-Za-z]{2})$|^(.+?)\s*,\s*([A-Za-z .]+)$")
MAX_SUGGESTIONS = 6


@dataclass(frozen=True)
class Suggestion:
    label: str
    where: str  # what to search for instead


@dataclass(frozen=True)
class Location:
    """A resolved place: a point to measure from, or a whole state (point is None)."""

    label: str
    point: Point | None = None
    state: str | None = None


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
    if match := CITY_STATE_PATTERN.match(text):
        city = match.group(1) or match.group(3)
        state = state_code(match.group(2) or match.group(4))
        if state:
            return _city_location(city, state)
    return _city_anywhere(text)


def point_location(latitude: float, longitude: float) -> Location | LocationNotFound:
    if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
        return LocationNotFound(
            _("Those coordinates are not on the map: latitude is -90 to 90, longitude -180 to 180.")
        )
    return Location(label=_("your location"), point=Point(latitude, longitude))


@lru_cache(maxsize=8192)
def _zip_place(zip_code: str) -> tuple[str, str, float, float]:
    """(city, state, latitude, longitude) of a ZIP code; Place.DoesNotExist when there is none.

    Kept per process, as the Place table is written only by its migration and
    the query cost a quarter of a whole search. Misses raise, so none is kept.
    """
    return Place.objects.values_list("city", "state", "latitude", "longitude").get(zip_code=zip_code)


def _zip_location(zip_code: str) -> Location | LocationNotFound:
    try:
        city, state, latitude, longitude = _zip_place(zip_code)
    except Place.DoesNotExist:
        pass
    else:
        return Location(label=f"{zip_code} ({city}, {state})", point=Point(latitude, longitude))
    nearby = Place.objects.filter(zip_code__startswith=zip_code[:3]).order_by("zip_code")[:MAX_SUGGESTIONS]
    return LocationNotFound(
        _("We could not find the ZIP code %(zip)s. Check the number, or try a nearby ZIP code or your city.")
        % {"zip": zip_code},
        [Suggestion(f"{p.zip_code} ({p.city}, {p.state})", p.zip_code) for p in nearby],
    )


def _city_location(city: str, state: str) -> Location | LocationNotFound:
    found = Place.objects.filter(state=state, city__iexact=city).aggregate(lat=Avg("latitude"), lon=Avg("longitude"))
    if found["lat"] is not None:
        return Location(label=f"{city.title()}, {state}", point=Point(found["lat"], found["lon"]))
    similar = (
        Place.objects.filter(state=state, city__istartswith=city[:3])
        .values_list("city", flat=True)
        .distinct()
        .order_by("city")[:MAX_SUGGESTIONS]
    )
    return LocationNotFound(
        _("We could not find %(city)s in %(state)s. Check the spelling, or search by ZIP code.")
        % {"city": city, "state": state_name(state)},
        [Suggestion(f"{name.title()}, {state}", f"{name.title()}, {state}") for name in similar],
    )


def _city_anywhere(text: str) -> LocationNotFound:
    """A city without its state: offer the states that have a city of that name."""
    # Largest first (by its ZIP codes): "Houston" means Texas before Alaska.
    states = (
        Place.objects.filter(city__iexact=text[:120])
        .values("state")
        .annotate(zip_codes=Count("zip_code"))
        .order_by("-zip_codes", "state")
        .values_list("state", flat=True)[:MAX_SUGGESTIONS]
    )
    return LocationNotFound(
        _("We could not tell where %(place)s is. Add the state (such as Houston, TX) or enter a ZIP code.")
        % {"place": text[:120]},
        [Suggestion(f"{text.title()}, {state}", f"{text.title()}, {state}") for state in states],
    )
