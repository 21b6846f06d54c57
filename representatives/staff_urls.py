from django.urls import path

from representatives import staff_views

app_name = "representatives_staff"
urlpatterns = [
    path("claims/", staff_views.claim_list, name="claims"),
    path("claims/<uuid:public_id>/", staff_views.claim_detail, name="claim"),
    path("updates/", staff_views.update_list, name="updates"),
    path("updates/<uuid:public_id>/", staff_views.update_detail, name="update"),
    path("updates/<uuid:public_id>/review/", staff_views.update_review, name="review"),
]
