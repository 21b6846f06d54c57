from django.urls import path

from content import staff_views

app_name = "content_staff"
urlpatterns = [
    path("", staff_views.article_list, name="list"),
    path("new/", staff_views.article_new, name="new"),
    path("<int:pk>/", staff_views.article_edit, name="edit"),
    path("<int:pk>/review/", staff_views.article_review, name="review"),
    path("<int:pk>/history/", staff_views.article_history, name="history"),
]
