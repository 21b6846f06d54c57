"""Public pages: the coverage-request form, its confirmation, and who answers the helpline.

No URL here names a treatment program: an address in a web server's access
log would tie a visitor to the program they asked about. A program page starts
the form by POST (coverage_request_for_facility), the form carries the program
in its body, and the confirmation page reads it, and the request's reference,
from short-lived signed cookies.
"""

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from directory.models import Facility
from intake.audit import client_ip
from intake.forms import CoverageRequestForm
from intake.models import CoverageRequest
from intake.ratelimit import submission_allowed
from intake.services import coverage_request_create
from intake.withdrawal import reference_of

SENT_FACILITY_COOKIE = "coverage_sent"
SENT_REFERENCE_COOKIE = "coverage_ref"
SENT_FACILITY_SALT = "intake.coverage_sent"
SENT_FACILITY_SECONDS = 600


def _facility_from(public_id: str | None) -> Facility | None:
    if not public_id or len(public_id) > 16:
        return None
    return Facility.objects.filter(public_id=public_id, published=True).first()


def _contact_method(phone: str, email: str) -> str:
    return "both" if phone and email else ("phone" if phone else "email")


def _confirmation(contact_method: str, facility: Facility | None, reference: str) -> HttpResponse:
    response = redirect(reverse("intake:sent") + "?" + urlencode({"by": contact_method}))
    for name, value in (
        (SENT_FACILITY_COOKIE, facility.public_id if facility else ""),
        (SENT_REFERENCE_COOKIE, reference),
    ):
        if value:
            response.set_signed_cookie(
                name,
                value,
                salt=SENT_FACILITY_SALT,
                max_age=SENT_FACILITY_SECONDS,
                path=reverse("intake:sent"),
                secure=not settings.DEBUG,
                httponly=True,
                samesite="Lax",
            )
    return response


def _sent_cookie(request: HttpRequest, name: str) -> str:
    return request.get_signed_cookie(name, default="", salt=SENT_FACILITY_SALT, max_age=SENT_FACILITY_SECONDS) or ""


# Exempt from CSRF: it only shows an empty form (nothing is stored or changed, so nothing can be forged),
# and the program pages that post to it may be served from a cache, without a token of their own.
@csrf_exempt
@require_POST
@never_cache
def coverage_request_for_facility(request: HttpRequest) -> HttpResponse:
    facility = _facility_from(request.POST.get("facility"))
    return render(request, "intake/coverage_form.html", {"form": CoverageRequestForm(facility=facility)})


@never_cache
def coverage_request_new(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        # The general form: a program is never read from the URL (see the module's docstring).
        return render(request, "intake/coverage_form.html", {"form": CoverageRequestForm()})

    facility = _facility_from(request.POST.get("facility"))
    form = CoverageRequestForm(request.POST, facility=facility)
    valid = form.is_valid()
    # Every POST counts, mistakes and the honeypot's catches included, so the limits cannot be probed for free.
    phone = form.cleaned_data.get("phone", "") if "phone" not in form.errors else ""
    if not submission_allowed(ip_address=client_ip(request) or "", phone=phone):
        return render(request, "intake/rate_limited.html", status=429)
    if not valid:
        return render(request, "intake/coverage_form.html", {"form": form}, status=400)
    data = form.cleaned_data
    if form.is_bot:
        # Look like success, reference and all, so the bot learns nothing; store nothing.
        return _confirmation(_contact_method(data["phone"], data["email"]), facility, reference_of(CoverageRequest()))
    created = coverage_request_create(
        full_name=data["full_name"],
        date_of_birth=data["date_of_birth"],
        phone=data["phone"],
        email=data["email"],
        contact_time=data["contact_time"],
        state=data["state"],
        carrier=data["carrier"],
        member_id=data["member_id"],
        group_number=data["group_number"],
        facility=facility,
        message=data["message"],
        contact_consent=data["contact_consent"],
        share_consent=data.get("share_consent", False),
    )
    return _confirmation(_contact_method(data["phone"], data["email"]), facility, reference_of(created))


@never_cache
def coverage_request_sent(request: HttpRequest) -> HttpResponse:
    method = request.GET.get("by")
    context = {
        "contact_method": method if method in {"phone", "email", "both"} else "both",
        "facility": _facility_from(_sent_cookie(request, SENT_FACILITY_COOKIE)),
        "reply_days": settings.COVERAGE_REPLY_BUSINESS_DAYS,
        "reference": _reference_shown(_sent_cookie(request, SENT_REFERENCE_COOKIE)),
    }
    return render(request, "intake/coverage_sent.html", context)


def _reference_shown(text: str) -> str:
    """The reference, shown only in its own shape ("3F9A-2C1D")."""
    return text if len(text) == 9 and text[4] == "-" and text.replace("-", "").isalnum() else ""


def helpline_who_answers(request: HttpRequest) -> HttpResponse:
    return render(request, "intake/who_answers.html")
