from django.conf import settings
from django.urls import path

from directory import browse_views, shortlist_views, views

app_name = "directory"
urlpatterns = [
    path("", views.home, name="home"),
    path("search/", views.search, name="search"),
    path("iop/", browse_views.states, name="iop-states"),
    path("iop/<slug:state_slug>/", browse_views.state, name="iop-state"),
    path("iop/<slug:state_slug>/<slug:city_slug>/", browse_views.city, name="iop-city"),
    path("facility/<slug:public_id>/", views.facility_detail, name="facility"),
    path("about/credits/", views.credits, name="credits"),
    path("shortlist/", shortlist_views.shortlist, name="shortlist"),
    path("shortlist/change/", shortlist_views.shortlist_change, name="shortlist-change"),
]

if settings.BENCH_LAYOUT_PAGE:
    urlpatterns.append(path("bench/layout/", views.layout_floor, name="layout-floor"))
