from django.urls import path

from intake import staff_accounts, staff_auth, staff_views

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
    path("accounts/", staff_accounts.account_list, name="accounts"),
    path("accounts/new/", staff_accounts.account_new, name="account_new"),
    path("accounts/<int:pk>/", staff_accounts.account_edit, name="account"),
    path("accounts/<int:pk>/sign-in/", staff_accounts.account_reset_sign_in, name="account_sign_in"),
]
