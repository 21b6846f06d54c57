"""One search from a query string, for the API and the exports: the pages' own form and selector.

The API adds only a page size (the pages always show 20); everything else,
including the default level of care and every message, is the search form's.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from django import forms
from django.http import QueryDict
from django.utils.translation import gettext as _

from directory.forms import SearchForm
from directory.search import SearchQuery, SearchResult, search_facilities
from directory.search.location import Location, LocationNotFound, Suggestion

MAX_PAGE_SIZE = 100
DEFAULT_PAGE_SIZE = 20


class ApiSearchForm(SearchForm):
    page_size = forms.IntegerField(min_value=1, max_value=MAX_PAGE_SIZE, required=False)

    def search_query(self, location: Location) -> SearchQuery:
        page_size = self.cleaned_data.get("page_size") or DEFAULT_PAGE_SIZE
        return dataclasses.replace(super().search_query(location), page_size=page_size)


class SearchRejected(Exception):
    """The query string cannot be searched; `code` and `message` say why, for a 400 answer."""

    def __init__(
        self,
        code: str,
        message: str,
        fields: dict[str, list[str]] | None = None,
        suggestions: list[Suggestion] | None = None,
    ) -> None:
        super().__init__(message)
        self.code, self.message = code, message
        self.fields, self.suggestions = fields, suggestions or []


@dataclass(frozen=True)
class ApiSearch:
    form: ApiSearchForm
    location: Location
    query: SearchQuery


def prepare_search(params: QueryDict) -> ApiSearch:
    """Validate a query string exactly as the results page does; raises SearchRejected."""
    form = ApiSearchForm(params)
    if not form.has_place:
        raise SearchRejected(
            "missing_location",
            _('Say where to search: `where` (a ZIP code, "City, ST" or a state), or both `lat` and `lon`.'),
        )
    if not form.is_valid():
        fields = {name: [str(message) for message in messages] for name, messages in form.errors.items()}
        summary = "; ".join(f"{name}: {' '.join(messages)}" for name, messages in fields.items())
        raise SearchRejected(
            "invalid_query", _("The query has invalid values: %(summary)s") % {"summary": summary}, fields
        )
    location = form.location()
    if isinstance(location, LocationNotFound):
        raise SearchRejected("location_not_found", str(location.message), suggestions=location.suggestions)
    return ApiSearch(form, location, form.search_query(location))


def run_search(params: QueryDict) -> tuple[ApiSearch, SearchResult]:
    search = prepare_search(params)
    return search, search_facilities(search.query)
