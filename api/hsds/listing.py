"""Every facility a search finds, a chunk at a time: for format=ndjson and the datapackage.

Each chunk is one page of the site's search function (so these see exactly
what a list does), with the whole rows read in one query.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator

from directory.models import Facility
from directory.search import SearchQuery, SearchResult, search_facilities

CHUNK = 500


# Where each fact came from is not part of HSDS; read, it made a dozen dicts a listing for nothing.
NOT_IN_HSDS = ("provenance", "review_flags")


def whole_facilities(result: SearchResult) -> list[tuple[Facility, float | None]]:
    """The page's facilities with every field HSDS shows (hits carry only a card's), and their distances."""
    # With what each program says of itself (api.hsds.program), in the same query.
    whole = (
        Facility.objects.select_related("program_facts")
        .defer(*NOT_IN_HSDS)
        .in_bulk([hit.facility.pk for hit in result.hits])
    )
    return [(whole[hit.facility.pk], hit.distance_miles) for hit in result.hits]


def every_facility(query: SearchQuery) -> Iterator[tuple[Facility, float | None]]:
    page = 1
    while True:
        result = search_facilities(dataclasses.replace(query, page=page, page_size=CHUNK, with_facets=False))
        if page > result.page_count or not result.hits:
            return
        yield from whole_facilities(result)
        page += 1
