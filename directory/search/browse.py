"""States and cities that have intensive outpatient programs, for the browse pages and the sitemap."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, F, Q
from django.utils.text import slugify

from directory.models import Facility
from directory.revision import cached_on_revision
from directory.search.states import STATE_NAMES, state_name, state_slug
from directory.selectors import IOP_CODE, service_word


@dataclass(frozen=True)
class CityCount:
    state: str
    city: str  # as the directory writes it
    slug: str
    programs: int


def iop_cities() -> dict[str, list[CityCount]]:
    """Every state's cities with at least one published IOP program, by state code (cached per revision)."""
    return cached_on_revision("iop-cities", _count_iop_cities)


def _count_iop_cities() -> dict[str, list[CityCount]]:
    iop = service_word(IOP_CODE)
    if iop is None:
        return {}
    word, value = iop
    rows = (
        Facility.objects.filter(published=True)
        .alias(hit=F(f"services_{word}").bitand(value))
        .filter(~Q(hit=0))
        .values("state", "city")
        .annotate(programs=Count("id"))
        .order_by("state", "city")
    )
    by_state: dict[str, dict[str, CityCount]] = {}
    for row in rows:
        slug = slugify(row["city"])
        state = by_state.setdefault(row["state"], {})
        # "Saint Paul" and "SAINT PAUL" are one city.
        known = state.get(slug)
        programs = row["programs"] + (known.programs if known else 0)
        state[slug] = CityCount(row["state"], known.city if known else row["city"].title(), slug, programs)
    return {code: sorted(cities.values(), key=lambda c: c.slug) for code, cities in by_state.items()}


def states_with_programs() -> list[tuple[str, str, str, int]]:
    """(code, name in the active language, slug, programs) for each state with IOP programs, by name."""
    states = [
        (code, state_name(code), state_slug(code), sum(c.programs for c in cities))
        for code, cities in iop_cities().items()
        if code in STATE_NAMES
    ]
    return sorted(states, key=lambda state: state[1].casefold())


def city_by_slug(state: str, slug: str) -> CityCount | None:
    return next((city for city in iop_cities().get(state, []) if city.slug == slug), None)
