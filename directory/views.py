from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from directory.facility_facts import facility_facts
from directory.forms import SearchForm, filter_panel
from directory.models import Facility
from directory.phones import HOTLINE, INTAKE, MAIN, parse_phone
from directory.provenance import fact_dates
from directory.revision import revision_key
from directory.search import RADIUS_CHOICES, SearchQuery, search_facilities
from directory.search.alternatives import alternatives
from directory.search.browse import states_with_programs
from directory.search.counts import counts_within
from directory.search.location import Location, LocationNotFound
from directory.selectors import directory_overview, facility_services, twin_labels
from directory.shortlist import saved_ids
from directory.structured_data import facility_json_ld
from programs import freshness
from programs.selectors import facts_of, listing_unconfirmed_since, program_page
from reports.selectors import report_marks


def home(request: HttpRequest) -> HttpResponse:
    form = SearchForm()
    panel = [group for group in filter_panel(form) if group.main]
    fields = {"form": form, "panel": panel, "home": True}
    context = {
        "overview": directory_overview(),
        "search_fields": mark_safe(  # noqa: S308 (Jinja2 escaped every value)  # nosec B308, B703
            render_to_string("directory/_search_fields.html", fields, request, using="jinja2")
        ),
        "states": states_with_programs(),
    }
    return render(request, "directory/home.html", context)


def search(request: HttpRequest) -> HttpResponse:
    """Results for a GET search; bad input gets the form back with a message, never an error page.

    The search part of the page (form, filters, results) is the same for everyone asking the
    same URL, so it is kept for a few minutes; the layout around it (CSRF token, CSP nonce) is
    rendered for each request. htmx requests get the search part alone.
    """
    keep = settings.SEARCH_PAGE_CACHE_SECONDS
    key = search_cache_key(request) if keep else ""
    status, title, body = (cache.get(key) if keep else None) or (None, "", "")
    if status is None:
        status, title, body = _render_search(request)
        if status == 200 and keep:
            cache.set(key, (status, title, body), keep)
    if getattr(request, "htmx", False):
        return HttpResponse(body, status=status)
    # The body is HTML from the Jinja2 templates, which escaped every value (a cached copy is a plain str).
    context = {"search_body": mark_safe(body), "page_title": title, "map_tile_url": settings.MAP_TILE_URL}  # noqa: S308  # nosec B308, B703
    return render(request, "directory/search.html", context, status=status)


def _render_search(request: HttpRequest) -> tuple[int, str, str]:
    form = SearchForm(request.GET)
    context: dict[str, object] = {
        "form": form,
        "map_tile_url": settings.MAP_TILE_URL,
        "map_attribution": settings.MAP_TILE_ATTRIBUTION,
        "map_tile_host": settings.MAP_TILE_ORIGIN.split("://")[-1],
    }
    if not form.has_place:
        return (
            200,
            "",
            _search_body(request, {**context, "needs_place": True, "panel": filter_panel(form)}),
        )
    if not form.is_valid():
        return 400, "", _search_body(request, {**context, "panel": filter_panel(form)})
    location = form.location()
    if isinstance(location, LocationNotFound):
        return 200, "", _search_body(request, {**context, "not_found": location, "panel": filter_panel(form)})
    result = search_facilities(form.search_query(location))
    context["panel"] = filter_panel(form, result.facets)
    wider = _nearest_radius_with_results(result.query) if not result.total and location.point else None
    twins = twin_labels([hit.facility for hit in result.hits])
    context |= {"location": location, "result": result, "wider_radius": wider, "twins": twins}
    if not result.total:
        context["alternatives"] = alternatives(
            result, request.GET, get_language(), state=location.state or location.within_state or None
        )
    return 200, _page_title(location), _search_body(request, context)


def _search_body(request: HttpRequest, context: dict[str, object]) -> str:
    """The search part of the page, from the Jinja2 templates (iopfinder/jinja_environment.py says why)."""
    return render_to_string("directory/_search_body.html", context, request, using="jinja2")


def _nearest_radius_with_results(query: SearchQuery) -> int | None:
    """The smallest wider radius that finds something, so "search wider" never leads to another empty page."""
    counts = counts_within(query, [miles for miles in RADIUS_CHOICES if miles > query.radius_miles])
    return next((miles for miles, count in counts.items() if count), None)


def _page_title(location: Location) -> str:
    # Around a point, or across a whole state: "near Texas" would say the wrong thing.
    if location.point is None:
        return _("IOP programs in %(place)s") % {"place": location.label}
    return _("IOP programs near %(place)s") % {"place": location.label}


def search_cache_key(request: HttpRequest) -> str:
    """Same query, same language, same revision of the directory, same day: same search part.

    The day, because answers about openings stop counting 30 days after they were given (programs.freshness).
    """
    return revision_key("search", get_language(), freshness.today(), request.GET.urlencode())


PHONE_LABELS = {MAIN: gettext_lazy("Main phone"), INTAKE: gettext_lazy("Intake"), HOTLINE: gettext_lazy("Hotline")}


def facility_detail(request: HttpRequest, public_id: str) -> HttpResponse:
    facility = get_object_or_404(Facility, public_id=public_id)
    if not facility.published:
        # Old links get a plain explanation and a way back to the search.
        return render(request, "directory/facility_gone.html", {"facility": facility}, status=410)
    address = f"{facility.street1}, {facility.city}, {facility.state} {facility.zip_code}"
    dated = fact_dates(facility)
    program_facts = facts_of(facility)
    context = {
        "facility": facility,
        "twin_label": twin_labels([facility]).get(facility.public_id, ""),
        "phones": [(PHONE_LABELS[kind], parse_phone(raw)) for kind, raw in facility.phone_numbers()],
        "service_groups": facility_services(facility),
        "fact_dates": dated,
        "service_facts": next((fact for fact in dated if fact.group == "services"), None),
        "facts": facility_facts(facility),
        "program": program_page(program_facts),
        "unconfirmed_since": listing_unconfirmed_since(facility, program_facts),
        "in_shortlist": facility.public_id in saved_ids(request),
        "report_marks": report_marks(facility),
        # A post-office box is where mail goes, not where to go.
        "directions_url": ""
        if facility.po_box_only
        else "https://www.google.com/maps/dir/?" + urlencode({"api": 1, "destination": address}),
        "json_ld": facility_json_ld(facility, request.build_absolute_uri(facility.get_absolute_url())),
    }
    return render(request, "directory/facility.html", context)


def credits(request: HttpRequest) -> HttpResponse:
    return render(request, "directory/credits.html")


def layout_floor(request: HttpRequest) -> HttpResponse:
    """Only the base layout: the framework's floor that bench/page_load.py measures pages against."""
    return render(request, "base.html")
