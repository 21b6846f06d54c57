"""HSDS 3.0 API endpoints: /hsds/, /hsds/services[/{id}], /hsds/organizations, /hsds/service_at_locations.

Every list is paged in HSDS's envelope, at most MAX_PER_PAGE items a page, so
no request can make the server build an unbounded answer. Proximity searches
go through the site's one search function.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest, JsonResponse
from django.utils.translation import gettext as _

from api.errors import error_body
from api.hsds import mapping
from api.search_params import DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE
from directory.forms import MAX_PAGE
from directory.models import Facility
from directory.search import RADIUS_CHOICES, SearchQuery, search_facilities
from directory.search.location import Location, resolve_location

HSDS_VERSION = "3.0"
HSDS_PROFILE = "https://openreferral.org/"  # no profile: plain HSDS
HSDS_OPENAPI_URL = "https://raw.githubusercontent.com/openreferral/specification/3.0/schema/openapi.json"
# The same page sizes as /api/v1/facilities, and the search form's last page.
DEFAULT_PER_PAGE, MAX_PER_PAGE = DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE
PROXIMITY = re.compile(r"^\d{1,6}(?:\.\d+)?$")
METRES_PER_MILE = 1609.344
# As far as the site's widest radius: no request can ask for more work than a page search.
MAX_PROXIMITY_METRES = round(max(RADIUS_CHOICES) * METRES_PER_MILE)
POSTCODE = re.compile(r"^\d{5}$")


class BadParameter(Exception):
    pass


def without_nulls(value: Any) -> Any:
    """HSDS leaves an unknown optional field out rather than sending null."""
    if isinstance(value, dict):
        return {key: without_nulls(item) for key, item in value.items() if item is not None}
    if isinstance(value, list):
        return [without_nulls(item) for item in value]
    return value


def hsds_response(body: dict[str, Any]) -> JsonResponse:
    return JsonResponse(without_nulls(body))


def _error(message: str, status: int = 400) -> JsonResponse:
    return JsonResponse(error_body("invalid_query" if status == 400 else "not_found", message), status=status)


def _page_params(request: HttpRequest) -> tuple[int, int]:
    """(page, per_page) from the query; BadParameter when either is not a whole number in range."""
    return (
        _positive_int(request, "page", 1, MAX_PAGE),
        _positive_int(request, "per_page", DEFAULT_PER_PAGE, MAX_PER_PAGE),
    )


def _positive_int(request: HttpRequest, name: str, default: int, maximum: int) -> int:
    raw = request.GET.get(name, "")
    if not raw:
        return default
    if not raw.isdigit() or not 1 <= int(raw) <= maximum:
        raise BadParameter(_("%(name)s must be a whole number from 1 to %(max)s.") % {"name": name, "max": maximum})
    return int(raw)


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


def _paged(request: HttpRequest, facilities: QuerySet[Facility], build: Callable[[Facility], dict]) -> JsonResponse:
    try:
        page, per_page = _page_params(request)
    except BadParameter as error:
        return _error(str(error))
    total = facilities.count()
    rows = facilities.order_by("id")[(page - 1) * per_page : page * per_page]
    return hsds_response(envelope(total, page, per_page, [build(facility) for facility in rows]))


def root(request: HttpRequest) -> JsonResponse:
    """What this HSDS API is. It implements part of HSDS's own API, so that is the OpenAPI file that defines it
    (our /api/v1/openapi.json describes the site's other API, not this one)."""
    return JsonResponse(
        {
            "version": HSDS_VERSION,
            "profile": HSDS_PROFILE,
            "openapi_url": HSDS_OPENAPI_URL,
            "description": _(
                "IOP Finder's listings of alcohol and drug treatment programs from SAMHSA's national directory, "
                "in HSDS 3.0: /services, /services/{id}, /organizations and /service_at_locations "
                "(postcode, and proximity in metres from the postcode's centre)."
            ),
            "publisher": {"name": "IOP Finder", "url": request.build_absolute_uri("/")},
        }
    )


def services(request: HttpRequest) -> JsonResponse:
    published = Facility.objects.filter(published=True)
    search = request.GET.get("search", "").strip()[:100]
    if search:
        published = published.filter(name__icontains=search) | published.filter(program_name__icontains=search)
    return _paged(request, published, lambda facility: mapping.service(facility, full=False))


def service_detail(request: HttpRequest, service_id: str) -> JsonResponse:
    # Our HSDS ids are derived from public ids; keep a small index in memory instead of storing them.
    public_id = _public_id_for("service", service_id)
    facility = Facility.objects.filter(public_id=public_id).first() if public_id else None
    if facility is None:
        return _error(_("No service has the id %(id)s.") % {"id": service_id[:40]}, status=404)
    return hsds_response(mapping.service(facility))


def organizations(request: HttpRequest) -> JsonResponse:
    return _paged(request, Facility.objects.filter(published=True), mapping.organization)


def service_at_locations(request: HttpRequest) -> JsonResponse:
    """`postcode=77002`: the services in that ZIP code; with `proximity=16000`: those within
    16,000 metres of the ZIP code's centre, nearest first (HSDS 3.0's meaning of both)."""
    postcode = request.GET.get("postcode", "").strip()
    proximity = request.GET.get("proximity", "").strip()
    if postcode and not POSTCODE.match(postcode):
        return _error(_("postcode must be a 5-digit ZIP code."))
    if proximity:
        return _near(request, postcode, proximity)
    published = Facility.objects.filter(published=True)
    if postcode:
        published = published.filter(zip_code=postcode)
    return _paged(request, published, mapping.service_at_location)


def _near(request: HttpRequest, postcode: str, proximity: str) -> JsonResponse:
    if not postcode:
        return _error(_("proximity is a distance in metres from the centre of a postcode: give postcode too."))
    metres = float(proximity) if PROXIMITY.match(proximity) else 0.0
    if not 0 < metres <= MAX_PROXIMITY_METRES:
        return _error(
            _("proximity must be a number of metres, more than 0 and at most %(most)s.")
            % {"most": MAX_PROXIMITY_METRES}
        )
    centre = resolve_location(postcode)
    if not isinstance(centre, Location) or centre.point is None:
        return _error(_("We could not find the ZIP code %(zip)s.") % {"zip": postcode})
    try:
        page, per_page = _page_params(request)
    except BadParameter as error:
        return _error(str(error))
    query = SearchQuery(
        point=centre.point,
        radius_miles=metres / METRES_PER_MILE,
        filters={},  # HSDS consumers get every level of care, not the site's IOP default
        page=page,
        page_size=per_page,
        with_facets=False,
    )
    result = search_facilities(query)
    if page > result.page_count and result.total:
        contents: list[dict[str, Any]] = []
    else:
        # The hits carry only what a result card shows; HSDS wants every field, in one query.
        whole = Facility.objects.in_bulk([hit.facility.pk for hit in result.hits])
        contents = [
            mapping.service_at_location(whole[hit.facility.pk], distance=hit.distance_miles) for hit in result.hits
        ]
    return hsds_response(envelope(result.total, page, per_page, contents))


def _public_id_for(kind: str, hsds_identifier: str) -> str | None:
    from api.hsds.index import public_id_for

    return public_id_for(kind, hsds_identifier)
