from django.urls import path

from content import views

app_name = "content"
urlpatterns = [
    path("guide/", views.guide_index, name="index"),
    path("guide/<slug:slug>/", views.article_detail, name="article"),
    path("self-check/", views.self_check, name="self-check"),
]
