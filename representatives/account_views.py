"""A representative's pages: sign in by e-mailed link, their verified listings, and the edit form.

Every page past sign-in asks for a representative signed in by link
(`representative_required`) and finds a listing only among that
representative's verified ones: any other ID, guessed or real, is a 404.
"""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from intake.audit import client_ip
from representatives.facts_form import ProgramFactsForm
from representatives.forms import SignInLinkForm, SignInRequestForm
from representatives.models import Representative, UpdateStatus
from representatives.presenting import listing_summaries, stamps_shown
from representatives.ratelimit import program_update_allowed, sign_in_link_allowed
from representatives.selectors import facts_now, facts_with_waiting_updates, listing_of, listings_of, updates_waiting
from representatives.services import email_digest
from representatives.sign_in import representative_of, sign_in_link_send, sign_in_with_link
from representatives.update_services import program_update_submit

View = Callable[..., HttpResponse]


def representative_required(view: View) -> View:
    @wraps(view)
    @never_cache
    def guarded(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        representative = representative_of(request)
        if representative is None:
            return redirect("representatives:sign_in")
        return view(request, representative, *args, **kwargs)

    return guarded


@never_cache
def sign_in(request: HttpRequest) -> HttpResponse:
    form = SignInRequestForm(request.POST or None)
    if request.method != "POST":
        return render(request, "representatives/sign_in.html", {"form": form})
    valid = form.is_valid()
    email = form.cleaned_data.get("email", "") if valid else ""
    if not sign_in_link_allowed(ip_address=client_ip(request) or "", email=email):
        return render(request, "representatives/rate_limited.html", status=429)
    if not valid:
        return render(request, "representatives/sign_in.html", {"form": form}, status=400)
    representative = Representative.objects.filter(email_digest=email_digest(email), user__is_active=True).first()
    if representative is not None and listings_of(representative).exists():
        sign_in_link_send(representative=representative, language=get_language() or "en")
    # The same answer whether or not the address is known, so the page tells no one who represents what.
    return redirect("representatives:sign_in_sent")


def sign_in_sent(request: HttpRequest) -> HttpResponse:
    return render(request, "representatives/sign_in_sent.html")


@never_cache
def sign_in_link(request: HttpRequest) -> HttpResponse:
    """GET shows a button (mail scanners open links; they do not press buttons); POST signs in."""
    form = SignInLinkForm(request.POST if request.method == "POST" else request.GET)
    if not form.is_valid():
        return render(request, "representatives/sign_in_failed.html", status=400)
    if request.method != "POST":
        return render(request, "representatives/sign_in_link.html", {"form": form})
    user = sign_in_with_link(request, account=form.cleaned_data["account"], token=form.cleaned_data["token"])
    if user is None:
        # A locked-out attempt is turned into django-axes's lockout page (429) by its middleware.
        return render(request, "representatives/sign_in_failed.html", status=400)
    return redirect("representatives:listings")


@require_POST
def sign_out(request: HttpRequest) -> HttpResponse:
    logout(request)
    return redirect("representatives:sign_in")


@representative_required
def listings(request: HttpRequest, representative: Representative) -> HttpResponse:
    context = {"listings": listing_summaries(listings_of(representative))}
    return render(request, "representatives/listings.html", context)


@representative_required
def listing_edit(request: HttpRequest, representative: Representative, public_id: str) -> HttpResponse:
    facility = listing_of(representative, public_id)
    if facility is None:
        return render(request, "representatives/not_yours.html", status=404)
    planned = facts_with_waiting_updates(facility)
    form = ProgramFactsForm(request.POST or None, initial=ProgramFactsForm.initial_from(planned))
    if request.method == "POST" and not program_update_allowed(account=representative.user.get_username()):
        return render(request, "representatives/rate_limited.html", status=429)
    if request.method == "POST" and form.is_valid():
        changes = form.changes_from(planned)
        if not changes:
            messages.info(request, _("Nothing had changed, so nothing was sent."))
            return redirect("representatives:listings")
        update = program_update_submit(
            representative=representative, facility=facility, changes=changes, ip_address=client_ip(request)
        )
        if update.status == UpdateStatus.SHOWN:
            messages.success(request, _("Thank you. Your changes show on the listing now."))
        else:
            messages.success(
                request,
                _("Thank you. Staff check a program's first changes before they show: yours wait for review."),
            )
        return redirect("representatives:listings")
    _values, stamps = facts_now(facility)
    context = {
        "facility": facility,
        "form": form,
        "stamps": stamps_shown(stamps),
        "waiting": updates_waiting(facility).exists(),
    }
    return render(request, "representatives/listing_edit.html", context, status=400 if form.errors else 200)
