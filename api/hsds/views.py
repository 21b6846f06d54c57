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

from api.hsds import mapping
from directory.geocoding import Point
from directory.models import Facility
from directory.search import RADIUS_CHOICES, SearchQuery, search_facilities

HSDS_VERSION = "3.0"
DEFAULT_PER_PAGE = 20
MAX_PER_PAGE = 100
MAX_PAGE = 100_000
PROXIMITY = re.compile(r"^\s*(-?\d{1,2}(?:\.\d+)?)\s*,\s*(-?\d{1,3}(?:\.\d+)?)\s*$")
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
    return JsonResponse({"error": "invalid_query" if status == 400 else "not_found", "message": message}, status=status)


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
        page = _positive_int(request, "page", 1, MAX_PAGE)
        per_page = _positive_int(request, "per_page", DEFAULT_PER_PAGE, MAX_PER_PAGE)
    except BadParameter as error:
        return _error(str(error))
    total = facilities.count()
    rows = facilities.order_by("id")[(page - 1) * per_page : page * per_page]
    return hsds_response(envelope(total, page, per_page, [build(facility) for facility in rows]))


def root(request: HttpRequest) -> JsonResponse:
    return JsonResponse(
        {
            "version": HSDS_VERSION,
            "profile": "https://openreferral.org/",
            "openapi_url": request.build_absolute_uri("/api/v1/openapi.json"),
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
    """`postcode=77002` for one ZIP code; `proximity=lat,lon` (with `radius` miles) for nearest first."""
    postcode = request.GET.get("postcode", "").strip()
    proximity = request.GET.get("proximity", "").strip()
    if postcode and not POSTCODE.match(postcode):
        return _error(_("postcode must be a 5-digit ZIP code."))
    if proximity:
        return _near(request, proximity, postcode)
    published = Facility.objects.filter(published=True)
    if postcode:
        published = published.filter(zip_code=postcode)
    return _paged(request, published, mapping.service_at_location)


def _near(request: HttpRequest, proximity: str, postcode: str) -> JsonResponse:
    match = PROXIMITY.match(proximity)
    if not match or not (-90 <= float(match.group(1)) <= 90 and -180 <= float(match.group(2)) <= 180):
        return _error(_("proximity must be latitude,longitude, e.g. 29.76,-95.36."))
    try:
        page = _positive_int(request, "page", 1, MAX_PAGE)
        per_page = _positive_int(request, "per_page", DEFAULT_PER_PAGE, MAX_PER_PAGE)
        radius = _positive_int(request, "radius", 25, max(RADIUS_CHOICES))
    except BadParameter as error:
        return _error(str(error))
    if postcode:
        return _error(_("Give postcode or proximity, not both."))
    query = SearchQuery(
        point=Point(float(match.group(1)), float(match.group(2))),
        radius_miles=radius,
        filters={},  # HSDS consumers get every level of care, not the site's IOP default
        page=page,
        page_size=per_page,
        with_facets=False,
    )
    result = search_facilities(query)
    if page > result.page_count and result.total:
        contents: list[dict[str, Any]] = []
    else:
        contents = [mapping.service_at_location(hit.facility, distance=hit.distance_miles) for hit in result.hits]
    return hsds_response(envelope(result.total, page, per_page, contents))


def _public_id_for(kind: str, hsds_identifier: str) -> str | None:
    from api.hsds.index import public_id_for

    return public_id_for(kind, hsds_identifier)
