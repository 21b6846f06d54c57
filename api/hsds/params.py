"""The query parameters of HSDS 3.0's list endpoints (openapi.json), read into one search.

Every list goes through the site's one search function: HSDS's own
parameters (search, taxonomy_term_id, taxonomy_id, organization_id,
modified_after, postcode with proximity) and the site's filter groups
(care=iop, pay=medicaid, ...; no level of care is chosen by default) become
one SearchQuery. A value that cannot be understood raises BadParameter, which
the views answer with a 400 and its message.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime, time

from django.http import HttpRequest, QueryDict
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from api.hsds import index, program
from api.hsds.modified import facility_ids_modified_after
from api.hsds.taxonomy import TAXONOMY_ID, Taxonomy, current_taxonomy
from api.search_params import DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE
from directory.forms import MAX_PAGE
from directory.geocoding import Point
from directory.models import Facility
from directory.search import RADIUS_CHOICES, SearchQuery
from directory.search.filters import filter_groups
from directory.search.location import Location, resolve_location

METERS_PER_MILE = 1609.344
# As far as the site's widest radius: no request can ask for more work than a page search.
MAX_PROXIMITY_METERS = round(max(RADIUS_CHOICES) * METERS_PER_MILE)
PROXIMITY = re.compile(r"^\d{1,6}(?:\.\d+)?$")
POSTCODE = re.compile(r"^\d{5}$")
MAX_SEARCH_LENGTH = 100
TRUE, FALSE = {"true", "1", "yes"}, {"false", "0", "no", ""}
FORMATS = ("json", "ndjson")


class BadParameter(Exception):
    pass


@dataclass(frozen=True)
class ListRequest:
    query: SearchQuery
    full: bool
    ndjson: bool
    taxonomy: Taxonomy  # looked up once a request: each look-up asks the database for its revision


def page_params(params: QueryDict) -> tuple[int, int]:
    """(page, per_page); BadParameter when either is not a whole number in range."""
    return (
        _positive_int(params, "page", 1, MAX_PAGE),
        _positive_int(params, "per_page", DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE),
    )


def _positive_int(params: QueryDict, name: str, default: int, maximum: int) -> int:
    raw = params.get(name, "").strip()
    if not raw:
        return default
    if not raw.isdigit() or not 1 <= int(raw) <= maximum:
        raise BadParameter(_("%(name)s must be a whole number from 1 to %(max)s.") % {"name": name, "max": maximum})
    return int(raw)


def flag(params: QueryDict, name: str) -> bool:
    raw = params.get(name, "").strip().lower()
    if raw in TRUE:
        return True
    if raw in FALSE:
        return False
    raise BadParameter(_("%(name)s must be true or false.") % {"name": name})


def search_text(params: QueryDict) -> str:
    text = " ".join(params.get("search", "").split())
    if len(text) > MAX_SEARCH_LENGTH:
        raise BadParameter(_("search must be at most %(max)s characters.") % {"max": MAX_SEARCH_LENGTH})
    return text


def output_format(params: QueryDict) -> str:
    chosen = params.get("format", "").strip().lower() or "json"
    if chosen not in FORMATS:
        raise BadParameter(_("format must be json or ndjson."))
    return chosen


def list_request(request: HttpRequest, *, places: bool = False) -> ListRequest:
    """The search a list asks for; `places` allows postcode and proximity (service_at_locations)."""
    params = request.GET
    page, per_page = page_params(params)
    ids: frozenset[int] | None = None
    organization = params.get("organization_id", "").strip()
    if organization:
        pk = index.facility_pk_for("organization", organization)
        if pk is None:
            raise BadParameter(_("No organization has the id %(id)s.") % {"id": organization[:40]})
        ids = frozenset({pk})
    modified_after = params.get("modified_after", "").strip()
    if modified_after:
        changed = facility_ids_modified_after(_moment(modified_after))
        ids = changed if ids is None else ids & changed
    point, radius_miles = None, 0.0
    postcode = params.get("postcode", "").strip() if places else ""
    if places:
        point, radius_miles, in_postcode = _place(postcode, params.get("proximity", "").strip())
        if in_postcode is not None:
            ids = in_postcode if ids is None else ids & in_postcode
    taxonomy = current_taxonomy()
    query = SearchQuery(
        point=point,
        radius_miles=radius_miles or 1.0,
        everywhere=point is None,
        filters=_site_filters(params),
        codes=_taxonomy_codes(params, taxonomy),
        facility_ids=ids,
        name=search_text(params),
        page=page,
        page_size=per_page,
        with_facets=False,
    )
    return ListRequest(query, flag(params, "full"), output_format(params) == "ndjson", taxonomy)


def _moment(raw: str) -> datetime:
    """An ISO 8601 date-time (a date alone is its midnight); without a zone it is UTC."""
    try:
        moment = parse_datetime(raw)
        if moment is None and (day := parse_date(raw)) is not None:
            moment = datetime.combine(day, time.min)
    except ValueError:
        moment = None
    if moment is None:
        raise BadParameter(_("modified_after must be a date and time such as 2024-05-01T00:00:00Z."))
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def _place(postcode: str, proximity: str) -> tuple[Point | None, float, frozenset[int] | None]:
    """HSDS 3.0: with `proximity`, within that many meters of the postcode's center; without, in that postcode.

    Returns (point or None, radius in miles, the facilities in the postcode or None)."""
    if postcode and not POSTCODE.match(postcode):
        raise BadParameter(_("postcode must be a 5-digit ZIP code."))
    if not proximity:
        if not postcode:
            return None, 0.0, None
        in_postcode = Facility.objects.filter(published=True, zip_code=postcode).values_list("id", flat=True)
        return None, 0.0, frozenset(in_postcode)
    if not postcode:
        raise BadParameter(_("proximity is a distance in meters from the center of a postcode: give postcode too."))
    meters = float(proximity) if PROXIMITY.match(proximity) else 0.0
    if not 0 < meters <= MAX_PROXIMITY_METERS:
        raise BadParameter(
            _("proximity must be a number of meters, more than 0 and at most %(most)s.")
            % {"most": MAX_PROXIMITY_METERS}
        )
    center = resolve_location(postcode)
    if not isinstance(center, Location) or center.point is None:
        raise BadParameter(_("We could not find the ZIP code %(zip)s.") % {"zip": postcode})
    return center.point, meters / METERS_PER_MILE, None


def _site_filters(params: QueryDict) -> dict[str, tuple[str, ...]]:
    """The site's own filter groups, as on /api/v1/facilities, but with nothing chosen by default."""
    filters = {}
    for group in filter_groups():
        keys = tuple(key for key in params.getlist(group.key) if key)
        unknown = [key for key in keys if group.option(key) is None]
        if unknown:
            raise BadParameter(_("%(group)s has no option %(key)s.") % {"group": group.key, "key": unknown[0][:40]})
        filters[group.key] = keys
    return filters


# Programs' own facts are listed as a taxonomy so that their attributes can be read, but what a
# person filters on is narrower than "has an answer" (taking new clients *now*): say which filters do it.
_PROGRAM_FACTS_FILTERS = gettext_lazy(
    "Programs' own facts are not filtered by taxonomy: use openings=yes, virtual=yes or schedule=evening-weekend."
)


def _taxonomy_codes(params: QueryDict, taxonomy: Taxonomy) -> tuple[tuple[str, ...], ...]:
    """taxonomy_term_id: services filed under that term (a category: under any of its codes);
    taxonomy_id: services with any term of that taxonomy (ours is the only one)."""
    conditions = []
    term_id = params.get("taxonomy_term_id", "").strip()
    if term_id:
        term = taxonomy.by_id.get(term_id.lower())
        if term is None and term_id.lower() in {own["id"] for own in program.terms()}:
            raise BadParameter(str(_PROGRAM_FACTS_FILTERS))
        if term is None:
            raise BadParameter(_("No taxonomy term has the id %(id)s.") % {"id": term_id[:40]})
        conditions.append(term.codes)
    taxonomy_id = params.get("taxonomy_id", "").strip()
    if taxonomy_id:
        if taxonomy_id.lower() == program.PROGRAM_TAXONOMY_ID:
            raise BadParameter(str(_PROGRAM_FACTS_FILTERS))
        if taxonomy_id.lower() != TAXONOMY_ID:
            raise BadParameter(_("No taxonomy has the id %(id)s.") % {"id": taxonomy_id[:40]})
        conditions.append(tuple(taxonomy.by_code))
    return tuple(conditions)
