from django.urls import path

from reports import staff_views

app_name = "reports_staff"
urlpatterns = [
    path("", staff_views.report_queue, name="queue"),
    path("<uuid:public_id>/", staff_views.report_detail, name="detail"),
    path("<uuid:public_id>/accept/", staff_views.report_accept, name="accept"),
    path("<uuid:public_id>/reject/", staff_views.report_reject, name="reject"),
    path("<uuid:public_id>/merge/", staff_views.report_merge, name="merge"),
]
