from django.urls import include, path

from api import docs
from api.v1 import api

urlpatterns = [
    path("api/v1/docs/", docs.docs, name="api-docs"),
    path("api/v1/", api.urls),
    path("hsds/", include("api.hsds.urls")),
]
