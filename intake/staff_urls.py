from django.urls import path

from intake import staff_auth, staff_views

app_name = "intake_staff"
urlpatterns = [
    path("login/", staff_auth.staff_login, name="login"),
    path("logout/", staff_auth.staff_logout, name="logout"),
    path("requests/", staff_views.request_list, name="list"),
    path("requests/export.csv", staff_views.request_export, name="export"),
    path("requests/<uuid:public_id>/", staff_views.request_detail, name="detail"),
    path("requests/<uuid:public_id>/status/", staff_views.request_status, name="status"),
    path("requests/<uuid:public_id>/notes/", staff_views.request_note, name="note"),
    path("requests/<uuid:public_id>/share/", staff_views.request_share, name="share"),
    path("requests/<uuid:public_id>/erase/", staff_views.request_erase, name="erase"),
]
