"""`search_facilities(query) -> SearchResult`: the one search behind pages, API and exports."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property, partial

import numpy as np
from django.db import connection

from directory.geocoding import Point
from directory.models import Facility
from directory.revision import held_on_revision
from directory.search import engine, program_index
from directory.search.cards import built_once, card_facilities
from directory.search.filters import DEFAULT_CARE, TAG_GROUPS, FilterGroup, FilterOption, filter_groups
from directory.search.legend import Legend, legend
from directory.service_mask import join_words

RADIUS_CHOICES = (5, 10, 25, 50, 100)
SORT_BY_DISTANCE, SORT_BY_NAME = "distance", "name"
DEFAULT_RADIUS = 25
PAGE_SIZE = 20


@dataclass(frozen=True)
class SearchQuery:
    """Where and what to look for. Give a point (and radius) or a state (and city)."""

    point: Point | None = None
    radius_miles: float = DEFAULT_RADIUS  # the pages offer RADIUS_CHOICES; HSDS asks in meters
    state: str = ""
    city: str = ""
    # Chosen option keys by group key, e.g. {"care": ("iop",), "pay": ("medicaid",)}.
    filters: Mapping[str, tuple[str, ...]] = field(default_factory=lambda: {"care": DEFAULT_CARE})
    name: str = ""
    page: int = 1
    page_size: int = PAGE_SIZE
    with_facets: bool = True
    sort: str = SORT_BY_DISTANCE  # or SORT_BY_NAME
    # For a state or city search: measure and order from here (a city's center).
    near: Point | None = None
    # The whole country, in the order of the facilities' ids (open-data lists that page through everything).
    everywhere: bool = False
    # Legend codes asked for by code rather than by filter option (HSDS taxonomy terms):
    # each tuple is one more condition, met by offering any of its codes.
    codes: tuple[tuple[str, ...], ...] = ()
    # Only these facilities (by primary key), when something outside the search columns chose them.
    facility_ids: frozenset[int] | None = None
    # Mark the hits no source has confirmed for 18 months (directory.freshness): one query a page,
    # asked for by the pages and the API, not by exports that page through everything.
    with_freshness: bool = False

    def __post_init__(self) -> None:
        if self.point is None and not self.state and not self.everywhere:
            raise ValueError("a search needs a point, a state, or everywhere")
        if self.radius_miles <= 0:
            raise ValueError("the radius must be positive")


@dataclass(frozen=True)
class Hit:
    facility: Facility
    distance_miles: float | None
    tags: list[FilterOption]  # the level-of-care, payment and telehealth options it offers
    matched: list[FilterOption] = field(default_factory=list)  # the query's chosen options it offers
    # The newest confirmation, when it is so old that the listing may be out of date (with_freshness).
    unconfirmed_since: date | None = None


@dataclass(frozen=True)
class FacetOption:
    option: FilterOption
    count: int
    selected: bool


@dataclass(frozen=True)
class FacetGroup:
    """A filter group's counts, in the order of its options: what each option would find if chosen."""

    group: FilterGroup
    counts: tuple[int, ...]
    selected: frozenset[str]  # the keys of its options this search chose
    total_without: int  # the results there would be with this group's choices dropped (any option allowed)

    @cached_property
    def by_key(self) -> dict[str, int]:
        return dict(zip((option.key for option in self.group.options), self.counts, strict=True))

    @cached_property
    def options(self) -> list[FacetOption]:
        # Made when asked for: the results page reads only the counts (by_key).
        return [
            FacetOption(option, count, option.key in self.selected)
            for option, count in zip(self.group.options, self.counts, strict=True)
        ]


@dataclass(frozen=True)
class SearchResult:
    query: SearchQuery
    total: int
    page: int  # the page shown: the one asked for, or the last one when that was past the end
    page_count: int
    hits: list[Hit]
    facets: list[FacetGroup]

    @property
    def first_number(self) -> int:
        return (self.page - 1) * self.query.page_size + 1 if self.total else 0

    @property
    def last_number(self) -> int:
        return self.first_number + len(self.hits) - 1 if self.total else 0


def search_facilities(query: SearchQuery) -> SearchResult:
    filtered = filter_candidates(query)
    candidates, chosen, facts = filtered.candidates, filtered.chosen, filtered.facts
    matching = filtered.matching()
    facets = (
        _facets(filtered.groups, chosen, filtered.passes, candidates, filtered.codes, facts)
        if query.with_facets
        else []
    )

    rows = np.flatnonzero(matching)
    total = len(rows)
    page_count = max(1, math.ceil(total / query.page_size))
    page = min(max(1, query.page), page_count)
    if query.sort == SORT_BY_NAME:
        ordered = _by_name(rows, candidates, page * query.page_size)
    else:
        ordered = _in_order(rows, candidates, page * query.page_size)
    page_rows = ordered[(page - 1) * query.page_size :]
    chosen_options = [option for options in chosen.values() for option in options]
    hits = _hits(page_rows, candidates, filtered.codes, chosen_options, facts, query.with_freshness)
    return SearchResult(query, total, page, page_count, hits, facets)


@dataclass
class Filtered:
    """A query's candidates and which of them pass each of its conditions, before any ordering or page."""

    candidates: engine.Candidates
    codes: Legend
    groups: tuple[FilterGroup, ...]
    chosen: dict[str, list[FilterOption]]
    facts: program_index.CandidateFacts
    # By group key (and "codes-N", "facility-ids"): which candidates meet that condition.
    passes: dict[str, np.ndarray]

    def matching(self, leaving_out: str = "") -> np.ndarray:
        """The candidates meeting every condition, or every one but the group `leaving_out`."""
        matching = np.ones(len(self.candidates.ids), dtype=bool)
        for key, passed in self.passes.items():
            if key != leaving_out:
                matching &= passed
        return matching


def filter_candidates(query: SearchQuery) -> Filtered:
    """The query's candidates with each condition tested (directory.search.counts counts from here too)."""
    codes = legend()
    groups = filter_groups()
    candidates = _candidates(query, codes.revision)
    chosen = _chosen_options(groups, query.filters)
    facts = program_index.candidate_facts(candidates.ids, codes.revision)
    passes = {key: _passes(options, candidates, codes, facts) for key, options in chosen.items()}
    # Conditions that are no filter group narrow every group's facet counts too.
    for number, any_of in enumerate(query.codes):
        passes[f"codes-{number}"] = engine.offers_any(candidates.words, codes.words_of(any_of))
    if query.facility_ids is not None:
        wanted = np.fromiter(query.facility_ids, dtype=np.int64, count=len(query.facility_ids))
        passes["facility-ids"] = np.isin(candidates.ids, wanted)
    return Filtered(candidates, codes, groups, chosen, facts, passes)


# An empty result's ways out ask about the same place again (directory.search.alternatives counts what each
# dropped filter would bring back): the last few places' candidates are kept for the current revision.
# Another search starts over once four are kept, which also bounds the memory.
RECENT_CANDIDATES = 4


def _candidates(query: SearchQuery, revision: str) -> engine.Candidates:
    """The facilities the query's place (and name) allows, before any filter."""
    place = (query.point, query.radius_miles, query.state, query.city, query.name, query.near)
    recent: dict[tuple[object, ...], engine.Candidates] = held_on_revision("recent-candidates", dict, revision)
    found = recent.get(place)
    if found is None:
        if query.point is not None:
            found = engine.near_point(query.point, query.radius_miles, query.name)
        elif query.state:
            found = engine.in_state(query.state, query.city, query.name, query.near)
        else:
            found = engine.everywhere(query.name)
        if len(recent) >= RECENT_CANDIDATES:
            recent.clear()  # one empty result and its ways out ask about four places
        recent[place] = found
    return found


def _chosen_options(
    groups: tuple[FilterGroup, ...], filters: Mapping[str, tuple[str, ...]]
) -> dict[str, list[FilterOption]]:
    """The query's options by group key, known ones only; a group with none chosen does not filter."""
    chosen = {}
    for group in groups:
        options = [option for key in filters.get(group.key, ()) if (option := group.option(key))]
        if options:
            chosen[group.key] = options
    return chosen


def _codes(options: list[FilterOption]) -> list[str]:
    return [code for option in options for code in option.codes]


def _passes(
    options: list[FilterOption], candidates: engine.Candidates, codes: Legend, facts: program_index.CandidateFacts
) -> np.ndarray:
    """Which candidates offer any of the options: by their codes, or by what their program says."""
    hit = engine.offers_any(candidates.words, codes.words_of(_codes(options)))
    for option in options:
        if option.fact:
            hit |= facts.has(option.fact)
    return hit


def _facets(
    groups: tuple[FilterGroup, ...],
    chosen: dict[str, list[FilterOption]],
    passes: dict[str, np.ndarray],
    candidates: engine.Candidates,
    codes: Legend,
    facts: program_index.CandidateFacts,
) -> list[FacetGroup]:
    """For each option: how many results there would be with it added to its group.

    Within a group options combine with OR, so an option's count ignores the
    group's own choices and applies every other group's.
    """
    facets = []
    # Groups without a choice share one base (every chosen group), so one base and one count serve them all.
    bases: dict[tuple[str, ...], tuple[np.ndarray, np.ndarray, int]] = {}
    plans = held_on_revision("facet-plans", lambda: _facet_plans(groups, codes), codes.revision)
    octets = engine.mask_octets(candidates.words)
    for group, plan in zip(groups, plans, strict=True):
        others = tuple(key for key in passes if key != group.key)
        if others not in bases:
            rows = np.ones(len(candidates.ids), dtype=bool)
            for key in others:
                rows &= passes[key]
            bases[others] = (rows, engine.bit_counts(octets[rows]), int(np.count_nonzero(rows)))
        base, counts, total_without = bases[others]
        values = np.zeros(len(group.options), dtype=np.int64)  # an option of no code the legend knows stays 0
        values[plan.bit_positions] = counts[plan.bits]
        for position, option, any_of in plan.rest:
            if option.fact:  # only listings whose program has said so
                values[position] = 0 if facts.empty else np.count_nonzero(base & facts.has(option.fact))
            elif any_of is not None:  # any of several codes: a row offering two of them counts once
                values[position] = np.count_nonzero(base & engine.offers_any(candidates.words, any_of))
        selected = frozenset(option.key for option in chosen.get(group.key, []))
        facets.append(FacetGroup(group, tuple(values.tolist()), selected, total_without))
    return facets


@dataclass(frozen=True)
class _FacetPlan:
    """How one group's options are counted under one legend, by their positions in the group."""

    bit_positions: np.ndarray  # the options of one known code, read from the bit counts at once ...
    bits: np.ndarray  # ... at that code's bit
    # The others: an option the programs answer themselves (fact), or one of several codes (their mask words).
    rest: tuple[tuple[int, FilterOption, tuple[int, ...] | None], ...]


def _facet_plans(groups: tuple[FilterGroup, ...], codes: Legend) -> list[_FacetPlan]:
    """Each group's counting plan under this legend, worked out once per revision of the legend."""
    plans = []
    for group in groups:
        single: list[tuple[int, int]] = []
        rest: list[tuple[int, FilterOption, tuple[int, ...] | None]] = []
        for position, option in enumerate(group.options):
            bits = [codes.by_code[code].bit for code in option.codes if code in codes.by_code]
            if option.fact:
                rest.append((position, option, None))
            elif len(bits) == 1:
                single.append((position, bits[0]))
            elif bits:
                rest.append((position, option, codes.words_of(option.codes)))
        positions = np.array([position for position, _bit in single], dtype=np.intp)
        plans.append(_FacetPlan(positions, np.array([bit for _position, bit in single], dtype=np.intp), tuple(rest)))
    return plans


def _in_order(rows: np.ndarray, candidates: engine.Candidates, stop: int) -> list[int]:
    """The first `stop` rows: nearest first (ties by id, so pages never overlap); by city and name in a
    state; by id everywhere."""
    if candidates.distances is not None:
        distances = candidates.distances[rows]
        if stop < len(rows):
            # Only rows as near as the stop-th nearest can come before it: sort
            # those (ties included), not tens of thousands for one page.
            nearest = distances <= np.partition(distances, stop - 1)[stop - 1]
            rows, distances = rows[nearest], distances[nearest]
        order = np.lexsort((candidates.ids[rows], distances))
        return [int(row) for row in rows[order[:stop]]]
    if candidates.order_keys is None:
        ids = candidates.ids[rows]
        if stop < len(rows):
            first = np.argpartition(ids, stop - 1)[:stop]
            rows, ids = rows[first], ids[first]
        return [int(row) for row in rows[np.argsort(ids)[:stop]]]
    keys = candidates.order_keys
    return sorted((int(row) for row in rows), key=lambda row: (*keys[row], int(candidates.ids[row])))[:stop]


def _hits(
    page_rows: list[int],
    candidates: engine.Candidates,
    codes: Legend,
    chosen: list[FilterOption],
    facts: program_index.CandidateFacts,
    with_freshness: bool,
) -> list[Hit]:
    ids = [int(candidates.ids[row]) for row in page_rows]
    cards = card_facilities(ids, codes.revision, facts.on if with_freshness else None)
    tag_masks = held_on_revision("tag-masks", lambda: _tag_masks(codes), codes.revision)
    chosen_masks = [(option, codes.mask_of(option.codes)) for option in chosen]
    hits = []
    for row, facility_id in zip(page_rows, ids, strict=True):
        facility, unconfirmed_since = cards[facility_id]
        offered, tags = built_once(facility, "offered-and-tags", partial(_offered_and_tags, facility, tag_masks))
        matched = [
            option for option, mask in chosen_masks if offered & mask or (option.fact and facts.has(option.fact)[row])
        ]
        distance = float(candidates.distances[row]) if candidates.distances is not None else None
        hits.append(Hit(facility, distance, tags, matched, unconfirmed_since))
    return hits


def _tag_masks(codes: Legend) -> list[tuple[FilterOption, int]]:
    return [(option, codes.mask_of(option.codes)) for group in TAG_GROUPS for option in group.options]


def _offered_and_tags(facility: Facility, tag_masks: list[tuple[FilterOption, int]]) -> tuple[int, list[FilterOption]]:
    """The facility's services as one mask, and the card's tags among them (for each held facility once: a held
    facility and the masks both belong to one revision)."""
    offered = join_words(facility.service_words)
    return offered, [option for option, mask in tag_masks if offered & mask]


_NAME_SQL = "SELECT id, UPPER(name), UPPER(program_name) FROM directory_facility WHERE id IN "
_NAMES_PER_QUERY = 500  # well under SQLite's limit of bound parameters


def _by_name(rows: np.ndarray, candidates: engine.Candidates, stop: int) -> list[int]:
    """The first `stop` rows by name (then program, then id), for a list sorted A to Z."""
    ids = [int(candidates.ids[row]) for row in rows]
    names: dict[int, tuple[str, str]] = {}
    with connection.cursor() as cursor:
        for start in range(0, len(ids), _NAMES_PER_QUERY):
            chunk = ids[start : start + _NAMES_PER_QUERY]
            cursor.execute(_NAME_SQL + f"({', '.join(['%s'] * len(chunk))})", chunk)
            names.update((row[0], (row[1], row[2])) for row in cursor.fetchall())
    ordered = sorted(rows.tolist(), key=lambda row: (*names[int(candidates.ids[row])], int(candidates.ids[row])))
    return [int(row) for row in ordered[:stop]]
