"""Public pages: the coverage-request form, its confirmation, and who answers the helpline."""

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.views.decorators.cache import never_cache

from directory.models import Facility
from intake.audit import client_ip
from intake.forms import CoverageRequestForm
from intake.models import CoverageRequest
from intake.ratelimit import submission_allowed
from intake.services import coverage_request_create
from intake.withdrawal import reference_of


def _facility_from(public_id: str | None) -> Facility | None:
    if not public_id or len(public_id) > 16:
        return None
    return Facility.objects.filter(public_id=public_id, published=True).first()


def _contact_method(phone: str, email: str) -> str:
    return "both" if phone and email else ("phone" if phone else "email")


@never_cache
def coverage_request_new(request: HttpRequest) -> HttpResponse:
    facility = _facility_from(request.POST.get("facility") or request.GET.get("facility"))
    if request.method != "POST":
        return render(request, "intake/coverage_form.html", {"form": CoverageRequestForm(facility=facility)})

    form = CoverageRequestForm(request.POST, facility=facility)
    if not form.is_valid():
        return render(request, "intake/coverage_form.html", {"form": form}, status=400)
    data = form.cleaned_data
    confirmation = (
        reverse("intake:sent")
        + "?"
        + urlencode(
            {
                "by": _contact_method(data["phone"], data["email"]),
                **({"facility": facility.public_id} if facility else {}),
            }
        )
    )
    if form.is_bot:
        # Look like success, reference and all, so the bot learns nothing; store nothing.
        return redirect(confirmation + "&" + urlencode({"ref": reference_of(CoverageRequest())}))
    if not submission_allowed(ip_address=client_ip(request) or "", phone=data["phone"]):
        return render(request, "intake/rate_limited.html", status=429)
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
    return redirect(confirmation + "&" + urlencode({"ref": reference_of(created)}))


@never_cache
def coverage_request_sent(request: HttpRequest) -> HttpResponse:
    method = request.GET.get("by")
    context = {
        "contact_method": method if method in {"phone", "email", "both"} else "both",
        "facility": _facility_from(request.GET.get("facility")),
        "reply_days": settings.COVERAGE_REPLY_BUSINESS_DAYS,
        "reference": _reference_shown(request.GET.get("ref", "")),
    }
    return render(request, "intake/coverage_sent.html", context)


def _reference_shown(text: str) -> str:
    """The reference from the confirmation URL, shown only in its own shape ("3F9A-2C1D")."""
    return text if len(text) == 9 and text[4] == "-" and text.replace("-", "").isalnum() else ""


def helpline_who_answers(request: HttpRequest) -> HttpResponse:
    return render(request, "intake/who_answers.html")
