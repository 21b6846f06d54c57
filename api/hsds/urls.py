from django.urls import path

from api.hsds import views

app_name = "hsds"
urlpatterns = [
    path("", views.root, name="root"),
    path("services", views.services, name="services"),
    path("services/<str:service_id>", views.service_detail, name="service"),
    path("organizations", views.organizations, name="organizations"),
    path("service_at_locations", views.service_at_locations, name="service_at_locations"),
]
