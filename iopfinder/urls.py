from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path
from django_otp.admin import OTPAdminSite

from content.sitemaps import GUIDE_SITEMAPS
from directory.browse_views import robots_txt
from directory.sitemaps import SITEMAPS as DIRECTORY_SITEMAPS

# The admin manages staff accounts and their TOTP devices, so it asks for the second factor too.
admin.site.__class__ = OTPAdminSite

SITEMAPS = {**DIRECTORY_SITEMAPS, **GUIDE_SITEMAPS}

urlpatterns = [
    path("", include("directory.urls")),
    path("robots.txt", robots_txt, name="robots"),
    path("sitemap.xml", sitemap_views.index, {"sitemaps": SITEMAPS}, name="sitemap"),
    path(
        "sitemap-<section>.xml",
        sitemap_views.sitemap,
        {"sitemaps": SITEMAPS},
        name="django.contrib.sitemaps.views.sitemap",
    ),
    path("", include("api.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("staff/imports/", include("imports.urls")),
    path("", include("intake.urls")),
    path("staff/", include("intake.staff_urls")),
    path("", include("reports.urls")),
    path("staff/reports/", include("reports.staff_urls")),
    path("", include("content.urls")),
    path("staff/guide/", include("content.staff_urls")),
    path("staff/jobs/", include("operations.staff_urls")),
    path("", include("representatives.urls")),
    path("staff/listings/", include("representatives.staff_urls")),
    path("admin/", admin.site.urls),
    path("health/", include("operations.urls")),
]
