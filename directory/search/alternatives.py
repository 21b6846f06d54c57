"""What to offer when a search finds nothing, so that nobody meets an empty page.

Each way out is a real search that finds something: the nearest programs that
match every choice anywhere in the state, each chosen filter that could be
dropped with the number of programs it would bring back, telehealth programs
in the state. The state page and the helpline are always offered besides.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import cast

from django.http import QueryDict

from directory.geocoding import Point
from directory.models import Place
from directory.search.counts import count_facilities, counts_leaving_out
from directory.search.filters import DEFAULT_CARE, FilterGroup, FilterOption, filter_groups, label_text
from directory.search.selector import SORT_BY_DISTANCE, Hit, SearchQuery, SearchResult, search_facilities
from directory.search.states import STATE_NAMES, state_name, state_slug
from directory.search_links import search_path

NEAREST_SHOWN = 3
# Degrees around a point in which to look for the ZIP places that tell its state.
_STATE_SEARCH_DEGREES = 0.5


@dataclass(frozen=True)
class DroppedFilter:
    label: str  # "Medicare / Medicaid", in the visitor's language
    count: int
    url: str
    in_state: bool  # counted across the state, as none are within the radius


@dataclass(frozen=True)
class Alternatives:
    state: str | None
    state_label: str
    state_page_slug: str
    nearest: list[Hit]  # the nearest that match every choice, in the state, at any distance
    dropped: list[DroppedFilter]
    telehealth_count: int
    telehealth_url: str


def state_at(point: Point) -> str | None:
    """The state of the ZIP place nearest to `point`, or None far from any."""
    margin = _STATE_SEARCH_DEGREES
    places = Place.objects.filter(
        latitude__range=(point.latitude - margin, point.latitude + margin),
        longitude__range=(point.longitude - margin, point.longitude + margin),
    ).values_list("state", "latitude", "longitude")
    # The range filters leave out places without a center, whose coordinates are empty.
    nearest = min(
        places,
        key=lambda place: (
            (cast(float, place[1]) - point.latitude) ** 2 + (cast(float, place[2]) - point.longitude) ** 2
        ),
        default=None,
    )
    return nearest[0] if nearest is not None else None


def alternatives(
    result: SearchResult, params: QueryDict, language: str | None, *, state: str | None = None
) -> Alternatives:
    """Ways out of the empty `result`, whose page was asked with `params`.

    `state`: where the searched place is, when known (a ZIP code's or a city's state); else found from the point.
    """
    query = result.query
    state = query.state or state or (state_at(query.point) if query.point is not None else None)
    nearest: list[Hit] = []
    if state and query.point is not None:
        in_state = dataclasses.replace(
            query, point=None, state=state, city="", near=query.point, page=1, page_size=NEAREST_SHOWN,
            with_facets=False, sort=SORT_BY_DISTANCE,
        )  # fmt: skip
        nearest = search_facilities(in_state).hits
    tele_count, tele_url = _telehealth_in_state(query, state, params)
    return Alternatives(
        state=state,
        state_label=state_name(state) if state else "",
        state_page_slug=state_slug(state) if state in STATE_NAMES else "",
        nearest=nearest,
        dropped=_droppable(result, state, params, language),
        telehealth_count=tele_count,
        telehealth_url=tele_url,
    )


def _droppable(result: SearchResult, state: str | None, params: QueryDict, language: str | None) -> list[DroppedFilter]:
    """Each chosen group of filters whose removal finds programs, with how many: here, or else in the state.

    Removing the level of care searches every level of care, not the default.
    """
    query = result.query
    chosen = [
        (group, options) for group in filter_groups() if (options := _chosen(group, query.filters.get(group.key, ())))
    ]
    keys = [group.key for group, _ in chosen]
    here = _totals_without(result, keys)
    in_state: dict[str, int] = {}
    if state and query.point is not None and (none_here := [key for key in keys if not here[key]]):
        in_state = counts_leaving_out(dataclasses.replace(query, point=None, state=state, city=""), none_here)
    dropped = []
    for group, options in chosen:
        label = " / ".join(label_text(option.label, language) for option in options)
        if count := here[group.key]:
            dropped.append(DroppedFilter(label, count, search_path(params, {group.key: [""]}), in_state=False))
        elif count := in_state.get(group.key, 0):
            url = search_path(params, {group.key: [""], "where": [state_name(state or "")], "lat": None, "lon": None})
            dropped.append(DroppedFilter(label, count, url, in_state=True))
    return dropped


def _totals_without(result: SearchResult, group_keys: list[str]) -> dict[str, int]:
    """For each group: the results with its choices dropped. The search's facets counted them already (each
    group's count without its own choices); a search without facets counts them again."""
    if not result.facets:
        return counts_leaving_out(result.query, group_keys)
    counted = {facet.group.key: facet.total_without for facet in result.facets}
    return {key: counted[key] for key in group_keys}


def _telehealth_in_state(query: SearchQuery, state: str | None, params: QueryDict) -> tuple[int, str]:
    """Telehealth programs anywhere in the state at the chosen level of care, unless telehealth was chosen."""
    if not state or "yes" in query.filters.get("tele", ()):
        return 0, ""
    care = tuple(query.filters.get("care", DEFAULT_CARE))
    found = count_facilities(SearchQuery(state=state, filters={"care": care, "tele": ("yes",)}))
    return found, search_path(QueryDict(), {"where": [state_name(state)], "care": list(care) or [""], "tele": ["yes"]})


def _chosen(group: FilterGroup, keys: tuple[str, ...]) -> list[FilterOption]:
    return [option for key in keys if (option := group.option(key))]
