from django.urls import path

from operations import health

app_name = "health"
urlpatterns = [
    path("live/", health.live, name="live"),
    path("ready/", health.ready, name="ready"),
]
