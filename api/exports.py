"""Any search result as a CSV or JSON download: every page, streamed, up to a cap.

The rows come from one run of the same search function as the pages, as one
page of up to API_EXPORT_MAX_ROWS result cards (a few megabytes at 5,000;
searching again for every 500 rows cost four times as much), and stream out
as they are written. Past the cap the export is refused with a message saying
how to narrow it, rather than silently cut.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import json
from collections.abc import Iterator, Sequence

from django.conf import settings
from django.http import HttpRequest, StreamingHttpResponse
from django.utils.translation import gettext as _
from ninja import Query, Router

from api.facilities import FacilitySearchParams, applied_query, facility_summary
from api.schemas import ApiError
from api.search_params import ApiSearch, SearchRejected, prepare_search
from directory.search import SearchResult, search_facilities

router = Router(tags=["exports"])

CSV_COLUMNS = (
    "id", "name", "program_name", "street1", "street2", "city", "state", "zip_code", "phone",
    "distance_miles", "latitude", "longitude", "coordinate_precision",
    "levels_of_care", "payment", "telehealth", "url",
)  # fmt: skip
# Spreadsheet programs run a cell that starts with one of these as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _documented(media_type: str, description: str, schema: dict | None = None) -> dict:
    return {
        "responses": {
            200: {"description": description, "content": {media_type: {"schema": schema or {"type": "string"}}}},
        }
    }


JSON_EXPORT_SCHEMA = {
    "type": "object",
    "required": ["query", "total", "results"],
    "properties": {
        "query": {"type": "object", "description": "The applied query, as in /facilities (without paging)."},
        "total": {"type": "integer", "minimum": 0},
        "results": {"type": "array", "items": {"type": "object"}, "description": "Shaped as /facilities results."},
    },
}


def every_result(request: HttpRequest) -> tuple[ApiSearch, SearchResult]:
    search = prepare_search(request.GET)
    cap = settings.API_EXPORT_MAX_ROWS
    query = dataclasses.replace(search.query, page=1, page_size=cap, with_facets=False)
    search = dataclasses.replace(search, query=query)
    result = search_facilities(query)
    if result.total > cap:
        raise SearchRejected(
            "export_too_large",
            _(
                "This search has %(total)s results; an export holds at most %(cap)s. "
                "Narrow it with a smaller radius or more filters, or page through /api/v1/facilities."
            )
            % {"total": f"{result.total:,}", "cap": f"{cap:,}"},
        )
    return search, result


@router.get(
    "/exports/facilities.csv",
    response={400: ApiError, 429: ApiError},
    openapi_extra=_documented("text/csv", "Every result of the search, one facility per row."),
    summary="Export a search as CSV",
    operation_id="export_facilities_csv",
)
def export_csv(request: HttpRequest, params: Query[FacilitySearchParams]) -> StreamingHttpResponse:
    """The same parameters as /facilities; every page at once (`page` and `page_size` are ignored)."""
    _, result = every_result(request)
    site = request.build_absolute_uri("/").rstrip("/")
    response = StreamingHttpResponse(_csv_lines(result, site), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="iopfinder-results.csv"'
    return response


@router.get(
    "/exports/facilities.json",
    response={400: ApiError, 429: ApiError},
    openapi_extra=_documented(
        "application/json", "`{query, total, results}` with every result of the search.", JSON_EXPORT_SCHEMA
    ),
    summary="Export a search as JSON",
    operation_id="export_facilities_json",
)
def export_json(request: HttpRequest, params: Query[FacilitySearchParams]) -> StreamingHttpResponse:
    """The same parameters as /facilities; every page at once, results shaped as in /facilities."""
    search, result = every_result(request)
    response = StreamingHttpResponse(_json_chunks(search, result), content_type="application/json")
    response["Content-Disposition"] = 'attachment; filename="iopfinder-results.json"'
    return response


def _csv_lines(result: SearchResult, site: str) -> Iterator[str]:
    buffer = io.StringIO()
    writer = csv.writer(buffer)

    def line(values: Sequence[object]) -> str:
        buffer.seek(0)
        buffer.truncate()
        writer.writerow(values)
        return buffer.getvalue()

    yield line(list(CSV_COLUMNS))
    for hit in result.hits:
        summary = facility_summary(hit)
        by_group: dict[str, list[str]] = {}
        for tag in summary.tags:
            by_group.setdefault(tag.group, []).append(tag.label)
        text = [
            summary.id, summary.name, summary.program_name, summary.address.street1, summary.address.street2,
            summary.address.city, summary.address.state, summary.address.zip_code,
            summary.phone.raw if summary.phone else "",
        ]  # fmt: skip
        numbers = [summary.distance_miles, summary.latitude, summary.longitude]
        tags = ["; ".join(by_group.get("care", [])), "; ".join(by_group.get("pay", []))]
        yield line(
            [_cell(value) for value in text]
            + ["" if value is None else value for value in numbers]
            + [summary.coordinate_precision]
            + [_cell(value) for value in tags]
            + ["yes" if "tele" in by_group else "no", site + summary.url]
        )


def _cell(value: str) -> str:
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def _json_chunks(search: ApiSearch, result: SearchResult) -> Iterator[str]:
    query = applied_query(search, result).model_dump(mode="json")
    query.pop("page"), query.pop("page_size")
    yield f'{{"query": {json.dumps(query)}, "total": {result.total}, "results": ['
    for number, hit in enumerate(result.hits):
        yield ("," if number else "") + facility_summary(hit).model_dump_json()
    yield "]}"
