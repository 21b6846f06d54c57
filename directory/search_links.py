"""Links to other searches: this search's query string with some parameters changed."""

from __future__ import annotations

from collections.abc import Mapping

from django.http import QueryDict


def search_path(params: QueryDict, changes: Mapping[str, list[str] | None]) -> str:
    """`/search/?...` from `params` with each changed key set to its values (None drops it), from page 1."""
    query = params.copy()
    query.pop("page", None)
    for key, values in changes.items():
        query.pop(key, None)
        if values is not None:
            query.setlist(key, values)
    return f"/search/?{query.urlencode()}"
