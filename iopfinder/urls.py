from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("", include("directory.urls")),
    path("", include("api.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("staff/imports/", include("imports.urls")),
    path("admin/", admin.site.urls),
]
