"""The review queue in the back office: open reports, one report with its listing, and the three decisions."""

import uuid
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from directory.views import PHONE_LABELS
from intake.audit import client_ip
from intake.staff_auth import staff_required
from intake.staff_views import signed_in_staff
from reports.forms import DecisionForm, MergeForm, accept_form
from reports.models import ProblemReport, Status
from reports.selectors import independent_reporters, merge_candidates, open_reports, report_get
from reports.services import ReportNotOpen, problem_report_accept, problem_report_merge, problem_report_reject

REVIEW = "reports.review_problemreport"


def _report_or_404(public_id: uuid.UUID, *, open_only: bool = False) -> ProblemReport:
    report = report_get(public_id)
    if report is None or (open_only and report.status != Status.OPEN):
        raise Http404
    return report


@staff_required(REVIEW)
def report_queue(request: HttpRequest) -> HttpResponse:
    return render(request, "reports/staff/queue.html", {"reports": open_reports()[:500]})


def _detail(request: HttpRequest, report: ProblemReport, status: int = 200, **forms: Any) -> HttpResponse:
    facility = report.facility
    context = {
        "report": report,
        "facility": facility,
        "phones": [(PHONE_LABELS[kind], raw) for kind, raw in facility.phone_numbers()],
        "reporters": independent_reporters(facility).get(report.kind, 0),
        "duplicate_count": report.duplicates.count(),
        "can_merge": merge_candidates(report).exists(),
        "accept_form": forms.get("accept_form") or accept_form(report),
        "reject_form": forms.get("reject_form") or DecisionForm(prefix="reject"),
        "merge_form": forms.get("merge_form") or MergeForm(candidates=merge_candidates(report)),
    }
    return render(request, "reports/staff/detail.html", context, status=status)


def _decided_already(request: HttpRequest, report: ProblemReport) -> HttpResponse:
    messages.info(request, _("Another reviewer decided this report (or the one it duplicates) first."))
    return redirect("reports_staff:detail", public_id=report.public_id)


@staff_required(REVIEW)
def report_detail(request: HttpRequest, public_id: uuid.UUID) -> HttpResponse:
    return _detail(request, _report_or_404(public_id))


@require_POST
@staff_required(REVIEW)
def report_accept(request: HttpRequest, public_id: uuid.UUID) -> HttpResponse:
    report = _report_or_404(public_id, open_only=True)
    form = accept_form(report, request.POST)
    if not form.is_valid():
        return _detail(request, report, status=400, accept_form=form)
    values = {name: value for name, value in form.cleaned_data.items() if name != "outcome"}
    try:
        facts = problem_report_accept(
            report=report,
            reviewer=signed_in_staff(request),
            values=values,
            outcome=form.cleaned_data["outcome"],
            ip_address=client_ip(request),
        )
    except ReportNotOpen:
        return _decided_already(request, report)
    if facts:
        messages.success(request, _("Report accepted; the listing is corrected."))
    else:
        messages.success(request, _("Report accepted; the listing was not changed."))
    return redirect("reports_staff:queue")


@require_POST
@staff_required(REVIEW)
def report_reject(request: HttpRequest, public_id: uuid.UUID) -> HttpResponse:
    report = _report_or_404(public_id, open_only=True)
    form = DecisionForm(request.POST, prefix="reject")
    if not form.is_valid():
        return _detail(request, report, status=400, reject_form=form)
    try:
        problem_report_reject(
            report=report, reviewer=signed_in_staff(request), outcome=form.cleaned_data["outcome"],
            ip_address=client_ip(request),
        )  # fmt: skip
    except ReportNotOpen:
        return _decided_already(request, report)
    messages.success(request, _("Report rejected; the listing was not changed."))
    return redirect("reports_staff:queue")


@require_POST
@staff_required(REVIEW)
def report_merge(request: HttpRequest, public_id: uuid.UUID) -> HttpResponse:
    report = _report_or_404(public_id, open_only=True)
    form = MergeForm(request.POST, candidates=merge_candidates(report))
    if not form.is_valid():
        return _detail(request, report, status=400, merge_form=form)
    try:
        problem_report_merge(
            report=report, into=form.cleaned_data["into"], reviewer=signed_in_staff(request),
            ip_address=client_ip(request),
        )  # fmt: skip
    except ReportNotOpen:
        return _decided_already(request, report)
    messages.success(request, _("Report merged; it will be decided with the report it duplicates."))
    return redirect("reports_staff:detail", public_id=form.cleaned_data["into"].public_id)
