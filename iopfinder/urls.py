from django.contrib import admin
from django.urls import include, path
from django_otp.admin import OTPAdminSite

# The admin manages staff accounts and their TOTP devices, so it asks for the second factor too.
admin.site.__class__ = OTPAdminSite

urlpatterns = [
    path("", include("directory.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("staff/imports/", include("imports.urls")),
    path("", include("intake.urls")),
    path("staff/", include("intake.staff_urls")),
    path("admin/", admin.site.urls),
]
