"""Public pages: "Is this your program?" — the claim form and its confirmation.

The form asks for no health data: who the person is at the program and how
to reach them. Staff verify by calling the listing's own number, which this
page shows, never the number typed here.
"""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.views.decorators.cache import never_cache

from directory.models import Facility
from directory.selectors import published_facility
from intake.audit import client_ip
from representatives.forms import ListingClaimForm
from representatives.ratelimit import claim_allowed
from representatives.selectors import listing_phones
from representatives.services import listing_claim_create


def _published(public_id: str) -> Facility:
    facility = published_facility(public_id)
    if facility is None:
        raise Http404
    return facility


def _claim_page(request: HttpRequest, facility: Facility, form: ListingClaimForm, status: int = 200) -> HttpResponse:
    context = {"facility": facility, "form": form, "phones": listing_phones(facility)}
    return render(request, "representatives/claim_form.html", context, status=status)


@never_cache
def claim_new(request: HttpRequest, public_id: str) -> HttpResponse:
    facility = _published(public_id)
    if request.method != "POST":
        return _claim_page(request, facility, ListingClaimForm())
    form = ListingClaimForm(request.POST)
    valid = form.is_valid()
    # Every POST counts, mistakes and the honeypot's catches included, so the limits cannot be probed for free.
    email = form.cleaned_data.get("email", "") if "email" not in form.errors else ""
    if not claim_allowed(ip_address=client_ip(request) or "", email=email):
        return render(request, "representatives/rate_limited.html", status=429)
    if not valid:
        return _claim_page(request, facility, form, status=400)
    if not form.is_bot:
        data = form.cleaned_data
        listing_claim_create(
            facility=facility,
            full_name=data["full_name"],
            role=data["role"],
            email=data["email"],
            callback_phone=data["callback_phone"],
            language=get_language() or "en",
        )
    # The bot is shown the same page, and learns nothing.
    return redirect("representatives:claim_sent")


def claim_sent(request: HttpRequest) -> HttpResponse:
    return render(request, "representatives/claim_sent.html")
