"""The ZIP code table: every ZIP code the `zipcodes` package knows, with a center only where it is real.

The package (coordinates from GeoNames) gives 872 of its 42,789 codes the
placeholder (0, 0), in the Gulf of Guinea: military APO/FPO/DPO mail, many
post-office-box and single-organization codes, and a few city codes such as
90085 Los Angeles. Averaged into a city, one of them moved "Los Angeles, CA"
thousands of miles out to sea. So a center is kept only when it lies in the
area of its own state or territory; anything else (the placeholder, a sign
slip such as the Marshall Islands' 7.08, -171.16) means "no known center".
"""

from __future__ import annotations

from functools import lru_cache

from django.db import connection
from django.db.models import Avg

from directory.geocoding import Point

# (south, north, west, east) in degrees: generous boxes around each area the
# directory lists, so that a real center is never refused.
_CONTIGUOUS = (24.3, 49.5, -125.0, -66.8)
AREAS: dict[str, tuple[tuple[float, float, float, float], ...]] = {
    "AK": ((51.0, 71.6, -180.0, -129.9), (51.0, 53.1, 172.0, 180.0)),  # the Aleutians cross 180
    "HI": ((18.8, 22.4, -160.6, -154.7),),
    "PR": ((17.8, 18.6, -67.3, -65.2),),
    "VI": ((17.6, 18.5, -65.1, -64.5),),
    "GU": ((13.2, 13.7, 144.6, 145.0),),
    "MP": ((14.0, 20.6, 144.8, 146.1),),
    "AS": ((-14.6, -11.0, -171.2, -168.1),),
    "FM": ((0.8, 10.1, 137.3, 163.1),),
    "MH": ((4.5, 14.7, 160.7, 172.2),),
    "PW": ((2.8, 8.3, 131.1, 134.8),),
}
# Military mail (AA, AE, AP) names no place a program could be: no area, no center.
_MILITARY_MAIL = frozenset({"AA", "AE", "AP"})

STANDARD = "STANDARD"
MILITARY = "MILITARY"


def in_area(state: str, latitude: float, longitude: float) -> bool:
    """Whether the point lies in the area of that state or territory."""
    if state in _MILITARY_MAIL:
        return False
    boxes = AREAS.get(state, (_CONTIGUOUS,))
    return any(south <= latitude <= north and west <= longitude <= east for south, north, west, east in boxes)


def place_rows() -> list[dict[str, object]]:
    """Every ZIP code the package knows, as rows for the Place table (latitude None: no real center)."""
    import zipcodes

    rows = []
    for entry in zipcodes.list_all():
        try:
            latitude, longitude = float(entry["lat"]), float(entry["long"])
        except (TypeError, ValueError):
            latitude = longitude = float("nan")
        known = in_area(entry["state"], latitude, longitude)  # NaN is in no area
        rows.append(
            {"zip_code": entry["zip_code"], "city": entry["city"], "state": entry["state"],
             "kind": entry.get("zip_code_type") or "",
             "latitude": latitude if known else None, "longitude": longitude if known else None}
        )  # fmt: skip
    return rows


def city_center(city: str, state: str) -> Point | None:
    """The mean of the city's standard ZIP codes' centers, else of any of its real centers; None without one."""
    try:
        return _known_city_center(city, state)
    except LookupError:
        return None


@lru_cache(maxsize=8192)
def _known_city_center(city: str, state: str) -> Point:
    """Kept per process, as the Place table is written only by its migration and the averages cost a tenth of
    an uncached results page. Misses raise, so none is kept (a test may load the places later).

    The name as the table spells it first (the (state, city) index finds it; the table never spells one city
    two ways), any spelling after (a case-blind match reads every ZIP code of the state).
    """
    found = _center_as_spelled(city, state)
    if found is not None:
        return found
    from directory.models import Place

    same_city = Place.objects.filter(state=state, latitude__isnull=False, city__iexact=city)
    for places in (same_city.filter(kind=STANDARD), same_city):
        averages = places.aggregate(lat=Avg("latitude"), lon=Avg("longitude"))
        if averages["lat"] is not None:
            return Point(averages["lat"], averages["lon"])
    raise LookupError(f"{city}, {state} has no center")


# Both averages in one plain query: through the ORM, building them cost more than asking the database.
_SUMS_SQL = (
    "SELECT kind = %s, SUM(latitude), SUM(longitude), COUNT(*) FROM directory_place"
    " WHERE state = %s AND city = %s AND latitude IS NOT NULL GROUP BY 1"
)


def _center_as_spelled(city: str, state: str) -> Point | None:
    """The center of the city as the table spells it: of its standard ZIP codes, else of all; None without one."""
    with connection.cursor() as cursor:
        cursor.execute(_SUMS_SQL, [STANDARD, state, city])
        sums = {bool(standard): (latitude, longitude, count) for standard, latitude, longitude, count in cursor}
    if not sums:
        return None
    latitude, longitude, count = sums.get(True) or (
        sum(part[0] for part in sums.values()),
        sum(part[1] for part in sums.values()),
        sum(part[2] for part in sums.values()),
    )
    return Point(latitude / count, longitude / count)
