from django.urls import path

from directory import views

app_name = "directory"
urlpatterns = [
    path("", views.home, name="home"),
    path("search/", views.search, name="search"),
    path("facility/<slug:public_id>/", views.facility_detail, name="facility"),
    path("about/credits/", views.credits, name="credits"),
]
