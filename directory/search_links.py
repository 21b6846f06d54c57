"""Links to other searches: this search's query string with some parameters changed."""

from __future__ import annotations

from collections.abc import Mapping
from urllib.parse import urlencode

from django.http import QueryDict


def search_path(params: QueryDict, changes: Mapping[str, list[str] | None]) -> str:
    """`/search/?...` from `params` with each changed key set to its values (None drops it), from page 1."""
    return f"/search/?{query_from_first_page(params, changes)}"


def query_from_first_page(params: QueryDict, changes: Mapping[str, list[str] | None] | None = None) -> str:
    """`params` without its page, each changed key set to its values (None drops it), as a query string.

    The changed keys go last, as QueryDict.setlist would put them; the pairs are encoded as
    QueryDict.urlencode does, without its deep copy of the query (a results page makes several links).
    """
    changes = changes or {}
    pairs = [(key, value) for key, values in params.lists() if key != "page" and key not in changes for value in values]
    pairs += [(key, value) for key, values in changes.items() if values is not None for value in values]
    return urlencode(pairs)
