from django.urls import path

from operations import staff_views

app_name = "operations_staff"
urlpatterns = [
    path("", staff_views.job_runs, name="jobs"),
]
