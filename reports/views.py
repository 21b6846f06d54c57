"""The public "Report a problem" page of each listing: a plain POST form that needs no JavaScript."""

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from directory.models import Facility
from directory.selectors import published_facility
from intake.audit import client_ip
from intake.ratelimit import hit
from reports.forms import ProblemReportForm
from reports.services import problem_report_create


def _published_or_404(public_id: str) -> Facility:
    facility = published_facility(public_id)
    if facility is None:
        raise Http404
    return facility


def _submission_allowed(address: str) -> bool:
    limit, window = settings.REPORT_RATE_LIMIT_PER_IP, settings.REPORT_RATE_LIMIT_WINDOW_SECONDS
    return hit("report-ip", address, limit=limit, window_seconds=window)


@never_cache
@require_http_methods(["GET", "POST"])
def report_problem(request: HttpRequest, public_id: str) -> HttpResponse:
    facility = _published_or_404(public_id)
    if request.method != "POST":
        return render(request, "reports/report_form.html", {"facility": facility, "form": ProblemReportForm()})
    form = ProblemReportForm(request.POST)
    valid = form.is_valid()
    address = client_ip(request) or ""
    # Every POST counts, mistakes and the honeypot's catches included, so the limit cannot be probed for free.
    if not _submission_allowed(address):
        return render(request, "reports/rate_limited.html", {"facility": facility}, status=429)
    if not valid:
        return render(request, "reports/report_form.html", {"facility": facility, "form": form}, status=400)
    if not form.is_bot:  # a bot is thanked like anyone else, and nothing is stored
        data = form.cleaned_data
        problem_report_create(
            facility=facility,
            kind=data["kind"],
            correct_value=data["correct_value"],
            email=data["email"],
            client_address=address,
            language=get_language() or settings.LANGUAGE_CODE,
        )
    return redirect("reports:sent", public_id=facility.public_id)


@require_GET
def report_sent(request: HttpRequest, public_id: str) -> HttpResponse:
    return render(request, "reports/report_sent.html", {"facility": _published_or_404(public_id)})
