from django.urls import path

from intake import privacy_views, views

app_name = "intake"
urlpatterns = [
    path("coverage/new/", views.coverage_request_new, name="new"),
    path("coverage/for-program/", views.coverage_request_for_facility, name="for_facility"),
    path("coverage/sent/", views.coverage_request_sent, name="sent"),
    path("helpline/", views.helpline_who_answers, name="who_answers"),
    path("privacy/", privacy_views.privacy_notice, name="privacy"),
    path("coverage/withdraw/", privacy_views.coverage_request_withdraw_view, name="withdraw"),
]
