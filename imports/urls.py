from django.urls import path

from imports import views

app_name = "imports"
urlpatterns = [
    path("<int:run_id>/rejected.csv", views.rejected_rows_csv, name="rejected_csv"),
]
