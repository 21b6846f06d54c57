"""The back office: requests by status, one request, notes, status, sharing, erasure, CSV export."""

import csv
import uuid

from django.contrib import messages
from django.contrib.auth.models import User
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from intake.audit import audit_record, client_ip
from intake.choices import AuditAction, Status
from intake.forms import NoteForm, StatusForm
from intake.models import AuditEntry, CoverageRequest
from intake.selectors import coverage_request_counts, coverage_request_get, coverage_requests_by_status
from intake.services import (
    ShareNotAllowed,
    coverage_request_add_note,
    coverage_request_set_status,
    coverage_request_share,
    coverage_requests_erase,
)
from intake.staff_auth import staff_required

WORK = "intake.change_coveragerequest"


def signed_in_staff(request: HttpRequest) -> User:
    # Only reached through staff_required, which lets signed-in staff alone through.
    assert isinstance(request.user, User)
    return request.user


def _request_or_404(public_id: uuid.UUID) -> CoverageRequest:
    found = coverage_request_get(public_id)
    if found is None:
        raise Http404
    return found


@staff_required("intake.view_coveragerequest")
def request_list(request: HttpRequest) -> HttpResponse:
    status = request.GET.get("status", "")
    if status not in Status.values:
        status = ""
    context = {
        "requests": coverage_requests_by_status(status or None)[:500],
        "counts": coverage_request_counts(),
        "statuses": Status.choices,
        "current_status": status,
    }
    return render(request, "intake/staff/request_list.html", context)


@staff_required("intake.view_coveragerequest")
def request_detail(request: HttpRequest, public_id: uuid.UUID) -> HttpResponse:
    coverage = _request_or_404(public_id)
    audit_record(
        actor=signed_in_staff(request),
        action=AuditAction.VIEW,
        request_public_id=public_id,
        ip_address=client_ip(request),
    )
    context = {
        "coverage": coverage,
        "notes": coverage.notes.select_related("author"),
        "status_form": StatusForm(initial={"status": coverage.status}),
        "note_form": NoteForm(),
        "audit_entries": AuditEntry.objects.filter(request_public_id=public_id)[:50],
        "can_erase": request.user.has_perm("intake.erase_coveragerequest"),
    }
    return render(request, "intake/staff/request_detail.html", context)


@require_POST
@staff_required(WORK)
def request_status(request: HttpRequest, public_id: uuid.UUID) -> HttpResponse:
    coverage = _request_or_404(public_id)
    form = StatusForm(request.POST)
    if form.is_valid():
        coverage_request_set_status(
            request=coverage,
            status=form.cleaned_data["status"],
            actor=signed_in_staff(request),
            ip_address=client_ip(request),
        )
        messages.success(request, _("Status changed."))
    else:
        messages.error(request, _("Choose one of the listed statuses."))
    return redirect("intake_staff:detail", public_id=public_id)


@require_POST
@staff_required(WORK)
def request_note(request: HttpRequest, public_id: uuid.UUID) -> HttpResponse:
    coverage = _request_or_404(public_id)
    form = NoteForm(request.POST)
    if form.is_valid():
        coverage_request_add_note(
            request=coverage,
            text=form.cleaned_data["text"],
            actor=signed_in_staff(request),
            ip_address=client_ip(request),
        )
        messages.success(request, _("Note added."))
    else:
        messages.error(request, _("Write a note of at most 4,000 characters."))
    return redirect("intake_staff:detail", public_id=public_id)


@require_POST
@staff_required(WORK)
def request_share(request: HttpRequest, public_id: uuid.UUID) -> HttpResponse:
    coverage = _request_or_404(public_id)
    try:
        coverage_request_share(request=coverage, actor=signed_in_staff(request), ip_address=client_ip(request))
    except ShareNotAllowed:
        messages.error(request, _("This person did not agree to share their request with a facility."))
        return redirect("intake_staff:detail", public_id=public_id)
    messages.success(request, _("Recorded as shared with the facility."))
    return redirect("intake_staff:detail", public_id=public_id)


@require_POST
@staff_required("intake.erase_coveragerequest")
def request_erase(request: HttpRequest, public_id: uuid.UUID) -> HttpResponse:
    coverage = _request_or_404(public_id)
    coverage_requests_erase(
        requests=[coverage], actor=signed_in_staff(request), ip_address=client_ip(request), reason="deletion request"
    )
    messages.success(request, _("The request and its personal data are erased."))
    return redirect("intake_staff:list")


def _csv_safe(value: object) -> str:
    # A cell starting with = + - @ would run as a formula in a spreadsheet.
    text = str(value)
    return "'" + text if text[:1] in {"=", "+", "-", "@", "\t", "\r"} else text


@staff_required("intake.export_coveragerequest")
def request_export(request: HttpRequest) -> HttpResponse:
    status = request.GET.get("status", "")
    rows = list(coverage_requests_by_status(status if status in Status.values else None).defer(None))
    audit_record(
        actor=signed_in_staff(request),
        action=AuditAction.EXPORT,
        ip_address=client_ip(request),
        detail=f"{len(rows)} rows",
    )
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="coverage-requests-{timezone.localdate()}.csv"'
    writer = csv.writer(response)
    header = ["id", "received", "status", "name", "date of birth", "phone", "e-mail", "contact time", "state"]
    writer.writerow([*header, "insurance", "member id", "group number", "facility", "may share", "message"])
    for row in rows:
        writer.writerow(
            _csv_safe(value)
            for value in [
                row.public_id, row.created_at.isoformat(), row.status, row.full_name, row.date_of_birth, row.phone,
                row.email, row.contact_time, row.state, row.get_carrier_display(), row.member_id, row.group_number,
                row.facility.public_id if row.facility else "", "yes" if row.may_be_shared else "no", row.message,
            ]
        )  # fmt: skip
    return response
