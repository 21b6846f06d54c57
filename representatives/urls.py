from django.urls import path

from representatives import account_views, views

app_name = "representatives"
urlpatterns = [
    path("programs/claim/<slug:public_id>/", views.claim_new, name="claim"),
    path("programs/claim-sent/", views.claim_sent, name="claim_sent"),
    path("programs/sign-in/", account_views.sign_in, name="sign_in"),
    path("programs/sign-in/sent/", account_views.sign_in_sent, name="sign_in_sent"),
    path("programs/sign-in/link/", account_views.sign_in_link, name="sign_in_link"),
    path("programs/sign-out/", account_views.sign_out, name="sign_out"),
    path("programs/", account_views.listings, name="listings"),
    path("programs/listing/<slug:public_id>/", account_views.listing_edit, name="listing_edit"),
]
