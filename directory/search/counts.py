"""How many facilities a search would find, without ordering, loading or marking any of them.

An empty result's ways out (directory.search.alternatives, the wider radius
of the results page) ask several such questions of one place: each is the
total of search_facilities for the same query, counted from the same
candidates and conditions (selector.filter_candidates). Asked of one
candidate set at once, the questions about one place cost one search, not one
each.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable

import numpy as np

from directory.search.selector import SearchQuery, filter_candidates


def count_facilities(query: SearchQuery) -> int:
    """search_facilities(query).total."""
    return int(np.count_nonzero(filter_candidates(query).matching()))


def counts_leaving_out(query: SearchQuery, group_keys: Iterable[str]) -> dict[str, int]:
    """For each group key: the total of `query` with that group's choices removed (every option of it allowed)."""
    filtered = filter_candidates(query)
    return {key: int(np.count_nonzero(filtered.matching(leaving_out=key))) for key in group_keys}


def counts_within(query: SearchQuery, radii: Iterable[int]) -> dict[int, int]:
    """For each radius: the total of `query` (around its point) within that many miles.

    The widest circle's candidates hold every narrower one's, each with the
    same distance, so one search counts them all.
    """
    if query.point is None:
        raise ValueError("counting by radius needs a point")
    radii = list(radii)
    if not radii:
        return {}
    filtered = filter_candidates(dataclasses.replace(query, radius_miles=max(radii)))
    matching, distances = filtered.matching(), filtered.candidates.distances
    assert distances is not None  # a search around a point always measures
    return {miles: int(np.count_nonzero(matching & (distances <= miles))) for miles in radii}
