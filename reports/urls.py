from django.urls import path

from reports import views

app_name = "reports"
urlpatterns = [
    path("facility/<slug:public_id>/report/", views.report_problem, name="report"),
    path("facility/<slug:public_id>/report/sent/", views.report_sent, name="sent"),
]
