"""The back office for listings: claims to verify by phone, and program updates to review."""

import uuid

from django.contrib import messages
from django.contrib.auth.models import User
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from intake.audit import audit_record, client_ip
from intake.choices import AuditAction
from intake.models import AuditEntry
from intake.staff_auth import staff_required
from representatives.forms import ClaimDecisionForm, Decision, ReviewForm
from representatives.models import ClaimStatus, ListingClaim, ProgramUpdate
from representatives.presenting import DecidedRow, change_rows
from representatives.roles import REVIEW_UPDATES, VERIFY_CLAIMS
from representatives.selectors import (
    claims_decided,
    claims_waiting,
    facts_now,
    listing_phones,
    updates_reviewed,
    updates_to_review,
)
from representatives.services import (
    ClaimAlreadyDecided,
    NoNumberToCall,
    listing_claim_decline,
    listing_claim_verify,
)
from representatives.update_services import UpdateAlreadyReviewed, program_update_accept, program_update_reject


def _staff(request: HttpRequest) -> User:
    # Only reached through staff_required, which lets signed-in staff alone through.
    assert isinstance(request.user, User)
    return request.user


@staff_required(VERIFY_CLAIMS)
def claim_list(request: HttpRequest) -> HttpResponse:
    decided = [
        DecidedRow(
            claim.decided_at, claim.facility, claim.get_status_display(), claim.decided_by, claim.public_id, "claim"
        )
        for claim in claims_decided()[:50]
    ]
    context = {"waiting": claims_waiting()[:200], "decided": decided}
    return render(request, "representatives/staff/claim_list.html", context)


def _claim_page(request: HttpRequest, claim: ListingClaim, form: ClaimDecisionForm, status: int = 200) -> HttpResponse:
    context = {
        "claim": claim,
        "phones": listing_phones(claim.facility),
        "form": form,
        "audit_entries": AuditEntry.objects.filter(request_public_id=claim.public_id)[:50],
    }
    return render(request, "representatives/staff/claim_detail.html", context, status=status)


@staff_required(VERIFY_CLAIMS)
def claim_detail(request: HttpRequest, public_id: uuid.UUID) -> HttpResponse:
    claim = ListingClaim.objects.select_related("facility", "decided_by").filter(public_id=public_id).first()
    if claim is None:
        raise Http404
    if request.method != "POST":
        # The claimant's name and contact are personal data: each reading is logged.
        audit_record(
            actor=_staff(request), action=AuditAction.VIEW, request_public_id=public_id, ip_address=client_ip(request)
        )
        return _claim_page(request, claim, ClaimDecisionForm())
    form = ClaimDecisionForm(request.POST)
    if claim.status != ClaimStatus.WAITING or not form.is_valid():
        if claim.status != ClaimStatus.WAITING:
            messages.error(request, _("This claim was already decided."))
        return _claim_page(request, claim, form, status=400 if form.errors else 409)
    arguments = {"claim": claim, "reviewer": _staff(request), "spoke_with": form.cleaned_data["spoke_with"].strip()}
    try:
        if form.cleaned_data["decision"] == Decision.VERIFY:
            listing_claim_verify(**arguments, ip_address=client_ip(request))
            messages.success(request, _("Verified. We e-mailed the representative a sign-in link."))
        else:
            listing_claim_decline(**arguments, ip_address=client_ip(request))
            messages.success(request, _("Declined."))
    except ClaimAlreadyDecided:
        messages.error(request, _("This claim was already decided."))
    except NoNumberToCall:
        messages.error(request, _("The listing gives no phone number of its own, so it cannot be verified by phone."))
    return redirect("representatives_staff:claims")


@staff_required(REVIEW_UPDATES)
def update_list(request: HttpRequest) -> HttpResponse:
    reviewed = [
        DecidedRow(
            update.reviewed_at,
            update.facility,
            update.get_status_display(),
            update.reviewed_by,
            update.public_id,
            "update",
        )
        for update in updates_reviewed()[:50]
    ]
    context = {"to_review": updates_to_review()[:200], "reviewed": reviewed}
    return render(request, "representatives/staff/update_list.html", context)


@staff_required(REVIEW_UPDATES)
def update_detail(request: HttpRequest, public_id: uuid.UUID) -> HttpResponse:
    update = ProgramUpdate.objects.select_related("facility", "reviewed_by").filter(public_id=public_id).first()
    if update is None:
        raise Http404
    values, _stamps = facts_now(update.facility)
    context = {
        "update": update,
        "rows": change_rows(update, values),
        "audit_entries": AuditEntry.objects.filter(request_public_id=public_id)[:50],
    }
    return render(request, "representatives/staff/update_detail.html", context)


@require_POST
@staff_required(REVIEW_UPDATES)
def update_review(request: HttpRequest, public_id: uuid.UUID) -> HttpResponse:
    update = ProgramUpdate.objects.filter(public_id=public_id).first()
    if update is None:
        raise Http404
    form = ReviewForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose accept or reject."))
        return redirect("representatives_staff:update", public_id=public_id)
    review = program_update_accept if form.cleaned_data["decision"] == "accept" else program_update_reject
    try:
        review(update=update, reviewer=_staff(request), ip_address=client_ip(request))
    except UpdateAlreadyReviewed:
        messages.error(request, _("This update was already reviewed."))
        return redirect("representatives_staff:update", public_id=public_id)
    if form.cleaned_data["decision"] == "accept":
        messages.success(request, _("Accepted: the listing shows these facts."))
    else:
        messages.success(request, _("Rejected: the listing shows what it said before."))
    return redirect("representatives_staff:updates")
