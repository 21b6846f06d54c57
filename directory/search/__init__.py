"""Finding facilities: by distance from a place or within a state, with filters and facet counts."""

from directory.search.selector import (
    DEFAULT_RADIUS,
    RADIUS_CHOICES,
    SearchQuery,
    SearchResult,
    search_facilities,
)

__all__ = ["DEFAULT_RADIUS", "RADIUS_CHOICES", "SearchQuery", "SearchResult", "search_facilities"]
