"""Every HSDS 3.0 path, answered with and without a trailing slash (clients write both)."""

from collections.abc import Callable

from django.urls import URLPattern, path

from api.hsds import views
from api.hsds.datapackage_view import datapackage

app_name = "hsds"


def _both(route: str, view: Callable, name: str) -> list[URLPattern]:
    return [path(route, view, name=name), path(f"{route}/", view)]


urlpatterns = [
    path("", views.root, name="root"),
    *_both("services", views.services, "services"),
    *_both("services/<str:service_id>", views.service_detail, "service"),
    *_both("organizations", views.organizations, "organizations"),
    *_both("organizations/<str:organization_id>", views.organization_detail, "organization"),
    *_both("service_at_locations", views.service_at_locations, "service_at_locations"),
    *_both(
        "service_at_locations/<str:service_at_location_id>", views.service_at_location_detail, "service_at_location"
    ),
    *_both("taxonomies", views.taxonomies, "taxonomies"),
    *_both("taxonomies/<str:taxonomy_id>", views.taxonomy_detail, "taxonomy"),
    *_both("taxonomy_terms", views.taxonomy_terms, "taxonomy_terms"),
    *_both("taxonomy_terms/<str:term_id>", views.taxonomy_term_detail, "taxonomy_term"),
    path("datapackage.zip", datapackage, name="datapackage"),
]
