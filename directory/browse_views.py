"""State and city pages of IOP programs (/iop/texas/houston/): plain links for people and crawlers."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from directory.search import SearchQuery, search_facilities
from directory.search.browse import city_by_slug, iop_cities, states_with_programs
from directory.search.location import Location, resolve_location
from directory.search.states import state_from_slug, state_name


def states(request: HttpRequest) -> HttpResponse:
    return render(request, "directory/browse_states.html", {"states": states_with_programs()})


def state(request: HttpRequest, state_slug: str) -> HttpResponse:
    code = state_from_slug(state_slug)
    if code is None:
        raise Http404
    return render(
        request,
        "directory/browse_state.html",
        {"state_name": state_name(code), "state_slug": state_slug, "cities": iop_cities().get(code, [])},
    )


def city(request: HttpRequest, state_slug: str, city_slug: str) -> HttpResponse:
    code = state_from_slug(state_slug)
    found = city_by_slug(code, city_slug) if code else None
    if code is None or found is None:
        raise Http404
    page = request.GET.get("page", "1")
    center = resolve_location(f"{found.city}, {code}")
    result = search_facilities(
        SearchQuery(
            state=code,
            city=found.city,
            page=int(page) if page.isdigit() and len(page) < 7 else 1,
            # Nearest the city's center first, where the ZIP places know the city.
            near=center.point if isinstance(center, Location) else None,
        )
    )
    context = {"city": found, "state_name": state_name(code), "state_slug": state_slug, "result": result}
    return render(request, "directory/browse_city.html", context)


def robots_txt(request: HttpRequest) -> HttpResponse:
    sitemap = request.build_absolute_uri(reverse("sitemap"))
    lines = [
        "User-agent: *",
        # Search result pages are endless combinations; the browse pages list every program.
        "Disallow: /search/",
        "Disallow: /staff/",
        "Disallow: /admin/",
        f"Sitemap: {sitemap}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")
