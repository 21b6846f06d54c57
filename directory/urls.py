from django.urls import path

from directory import views

app_name = "directory"
urlpatterns = [
    path("", views.home, name="home"),
    path("facility/<slug:public_id>/", views.facility_detail, name="facility"),
    path("about/credits/", views.credits, name="credits"),
]
