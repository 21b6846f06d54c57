"""What the results page's download links (api/jinja2/api/_export_links.html) need from the exports."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest

from directory.search_links import query_from_first_page


def export_cap() -> int:
    """The most rows a download holds; a larger search is asked to narrow down first."""
    return settings.API_EXPORT_MAX_ROWS


def export_query(request: HttpRequest) -> str:
    """The page's search as the exports' query string, from the first row (a download is not paged)."""
    return query_from_first_page(request.GET)


TEMPLATE_GLOBALS = {"export_cap": export_cap, "export_query": export_query}
