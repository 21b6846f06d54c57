"""The HSDS 3.0 API (Open Referral's openapi.json): every path it defines, under /hsds/.

Lists are paged in HSDS's envelope, at most MAX_PER_PAGE items a page, so no
request can make the server build an unbounded answer; `format=ndjson`
streams every result instead, a chunk at a time. Every list of services,
locations or organizations is one run of the site's search function
(api.hsds.params builds the query).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.http import HttpRequest, HttpResponse, HttpResponseBase, JsonResponse, StreamingHttpResponse
from django.utils.translation import gettext as _

from api.errors import error_body
from api.hsds import index, mapping, page_json, params, program
from api.hsds.listing import every_facility, whole_facilities
from api.hsds.params import BadParameter, ListRequest
from api.hsds.taxonomy import TAXONOMY_ID, current_taxonomy, taxonomy_body
from directory.models import Facility
from directory.search import SearchResult, search_facilities

HSDS_VERSION = "3.0"
HSDS_PROFILE = "https://openreferral.org/"  # no profile: plain HSDS
HSDS_OPENAPI_URL = "https://raw.githubusercontent.com/openreferral/specification/3.0/schema/openapi.json"

Build = Callable[[Facility, float | None], dict[str, Any]]


def _error(message: str, status: int = 400) -> JsonResponse:
    return JsonResponse(error_body("invalid_query" if status == 400 else "not_found", message), status=status)


def answers_bad_parameters(view: Callable[..., HttpResponseBase]) -> Callable[..., HttpResponseBase]:
    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        try:
            return view(request, *args, **kwargs)
        except BadParameter as error:
            return _error(str(error))

    return wrapped


def envelope(total: int, page: int, per_page: int, contents: list[dict[str, Any]]) -> dict[str, Any]:
    total_pages = max(1, math.ceil(total / per_page))
    return {
        "total_items": total,
        "total_pages": total_pages,
        "page_number": page,
        "size": len(contents),
        "first_page": page == 1,
        "last_page": page >= total_pages,
        "empty": not contents,
        "contents": contents,
    }


def root(request: HttpRequest) -> JsonResponse:
    """What this HSDS API is: Open Referral's own OpenAPI file defines it
    (our /api/v1/openapi.json describes the site's other API, not this one)."""
    return JsonResponse(
        {
            "version": HSDS_VERSION,
            "profile": HSDS_PROFILE,
            "openapi_url": HSDS_OPENAPI_URL,
            "description": _(
                "IOP Finder's listings of alcohol and drug treatment programs from SAMHSA's national directory, "
                "in HSDS 3.0: /services, /organizations, /service_at_locations (each also by id), /taxonomies "
                "and /taxonomy_terms, with the parameters of HSDS's openapi.json (postcode, and proximity in "
                "meters from the postcode's center), and the whole directory as a datapackage at "
                "/hsds/datapackage.zip."
            ),
            "publisher": {"name": "IOP Finder", "url": request.build_absolute_uri("/")},
        }
    )


# ------------------------------------------------------------------ lists
def _listed(request: ListRequest, build: Build) -> HttpResponseBase:
    """One page of the search in HSDS's envelope, or (format=ndjson) every result, one per line."""
    if request.ndjson:
        return _streamed(request, build)
    query = request.query
    result = search_facilities(query)
    past_the_end = query.page > result.page_count and result.total
    contents = [] if past_the_end else _built(result, build)
    # What JsonResponse(envelope(...)) would write, byte for byte, in a fraction of the time.
    items = [page_json.object_json(item) for item in contents]
    body = page_json.envelope_json(envelope(result.total, query.page, query.page_size, contents), items)
    return HttpResponse(body, content_type="application/json")


def _built(result: SearchResult, build: Build) -> list[dict[str, Any]]:
    return [build(facility, distance) for facility, distance in whole_facilities(result)]


def _streamed(request: ListRequest, build: Build) -> StreamingHttpResponse:
    built = (build(facility, distance) for facility, distance in every_facility(request.query))
    lines = (page_json.object_json(item) + "\n" for item in built)
    return StreamingHttpResponse(lines, content_type="application/x-ndjson")


@answers_bad_parameters
def services(request: HttpRequest) -> HttpResponseBase:
    listed = params.list_request(request)
    if params.flag(request.GET, "minimal"):
        return _listed(listed, lambda facility, _distance: mapping.minimal_service(facility))
    return _listed(
        listed,
        lambda facility, _distance: mapping.service(facility, full=listed.full, links=True, taxonomy=listed.taxonomy),
    )


@answers_bad_parameters
def organizations(request: HttpRequest) -> HttpResponseBase:
    listed = params.list_request(request)
    full_service = params.flag(request.GET, "full_service")
    return _listed(
        listed,
        lambda facility, _distance: mapping.organization(
            facility, full=listed.full, full_service=full_service, links=True, taxonomy=listed.taxonomy
        ),
    )


@answers_bad_parameters
def service_at_locations(request: HttpRequest) -> HttpResponseBase:
    """`postcode=77002`: the services in that ZIP code; with `proximity=16000`: those within
    16,000 meters of the ZIP code's center, nearest first (HSDS 3.0's meaning of both)."""
    listed = params.list_request(request, places=True)
    return _listed(
        listed,
        lambda facility, distance: mapping.service_at_location(
            facility, full=listed.full, distance=distance, links=True, taxonomy=listed.taxonomy
        ),
    )


@answers_bad_parameters
def taxonomies(request: HttpRequest) -> HttpResponseBase:
    page, per_page = params.page_params(request.GET)
    wanted = params.search_text(request.GET).lower()
    # Both taxonomies an answer's attributes can point to: the legend's, and programs' own facts.
    found = [body for body in (taxonomy_body(), program.taxonomy_body()) if wanted in body["name"].lower()]
    return _paged_in_memory(found, page, per_page)


@answers_bad_parameters
def taxonomy_terms(request: HttpRequest) -> HttpResponseBase:
    """`taxonomy_id`, `top_only` (the categories), `parent_id` (a category's codes), `search` (in names)."""
    query = request.GET
    page, per_page = params.page_params(query)
    # The legend's terms, then programs' own (top-level terms of their own taxonomy), as plain bodies.
    terms = [term.body for term in current_taxonomy().terms] + program.terms()
    taxonomy_id = query.get("taxonomy_id", "").strip().lower()
    if taxonomy_id:
        terms = [term for term in terms if term["taxonomy_id"] == taxonomy_id]
    if params.flag(query, "top_only"):
        terms = [term for term in terms if not term.get("parent_id")]
    parent_id = query.get("parent_id", "").strip().lower()
    if parent_id:
        terms = [term for term in terms if term.get("parent_id") == parent_id]
    wanted = params.search_text(query).lower()
    if wanted:
        terms = [term for term in terms if wanted in term["name"].lower() or wanted == term["code"].lower()]
    return _paged_in_memory(terms, page, per_page)


def _paged_in_memory(items: list[dict[str, Any]], page: int, per_page: int) -> JsonResponse:
    contents = items[(page - 1) * per_page : page * per_page]
    return JsonResponse(envelope(len(items), page, per_page, contents))


# ---------------------------------------------------------------- one item
def _not_found(kind: str, identifier: str) -> JsonResponse:
    return _error(_("No %(kind)s has the id %(id)s.") % {"kind": kind, "id": identifier[:40]}, status=404)


def service_detail(request: HttpRequest, service_id: str) -> HttpResponseBase:
    facility = index.facility_for("service", service_id)
    if facility is None:
        return _not_found("service", service_id)
    return JsonResponse(mapping.service(facility))


@answers_bad_parameters
def organization_detail(request: HttpRequest, organization_id: str) -> HttpResponseBase:
    facility = index.facility_for("organization", organization_id)
    if facility is None:
        return _not_found("organization", organization_id)
    full_service = params.flag(request.GET, "full_service")
    return JsonResponse(mapping.organization(facility, full=True, full_service=full_service))


def service_at_location_detail(request: HttpRequest, service_at_location_id: str) -> HttpResponseBase:
    facility = index.facility_for("service_at_location", service_at_location_id)
    if facility is None:
        return _not_found("service_at_location", service_at_location_id)
    return JsonResponse(mapping.service_at_location(facility, full=True))


def taxonomy_detail(request: HttpRequest, taxonomy_id: str) -> HttpResponseBase:
    if taxonomy_id.strip().lower() == program.PROGRAM_TAXONOMY_ID:  # the terms of programs' own facts
        return JsonResponse(program.taxonomy_body())
    if taxonomy_id.strip().lower() != TAXONOMY_ID:
        return _not_found("taxonomy", taxonomy_id)
    return JsonResponse(taxonomy_body())


def taxonomy_term_detail(request: HttpRequest, term_id: str) -> HttpResponseBase:
    term = current_taxonomy().by_id.get(term_id.strip().lower())
    if term is None:
        own = next((body for body in program.terms() if body["id"] == term_id.strip().lower()), None)
        return JsonResponse(own) if own else _not_found("taxonomy_term", term_id)
    return JsonResponse(term.body)
