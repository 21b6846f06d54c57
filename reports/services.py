"""Writes: a visitor's report, and a reviewer's decision (accept, reject, merge) with its reply and erasure.

Every decision and every change to a listing goes to the append-only audit log
(intake.audit), named by the report's public_id; the reporter's e-mail address
never goes there, nor into a log line.
"""

from __future__ import annotations

import logging
import smtplib
from typing import Any

from django.conf import settings
from django.contrib.auth.models import User
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from directory.models import Facility
from intake.audit import audit_record
from intake.choices import AuditAction
from iopfinder.ratelimit import keyed_digest
from reports.corrections import correct_listing
from reports.models import ProblemReport, Status

logger = logging.getLogger(__name__)


class ReportNotOpen(Exception):
    """Another reviewer decided (or merged) the report first."""


def _locked_open(report: ProblemReport) -> ProblemReport:
    """The report, locked for this transaction, still waiting for review: two reviewers never both decide it."""
    locked = ProblemReport.objects.select_for_update().select_related("facility").get(pk=report.pk)
    if locked.status != Status.OPEN:
        raise ReportNotOpen
    return locked


def reporter_key_of(client_address: str) -> str:
    """Who reported, as far as counting independent reports needs: an HMAC of the address, never the address."""
    if not client_address:
        return ""
    return keyed_digest(f"report:{client_address}")


@transaction.atomic
def problem_report_create(
    *, facility: Facility, kind: str, correct_value: str, email: str, client_address: str, language: str
) -> ProblemReport:
    report = ProblemReport(
        facility=facility,
        kind=kind,
        correct_value=correct_value,
        email=email,
        reporter_key=reporter_key_of(client_address),
        language=language,
    )
    report.full_clean()
    report.save()
    return report


def _audit(
    report: ProblemReport, reviewer: User, ip_address: str | None, detail: str, *, action: str = AuditAction.REVIEW
) -> None:
    """A decision on a report; the detail names the listing and the facts it changed."""
    audit_record(
        actor=reviewer, action=action, request_public_id=report.public_id, ip_address=ip_address, detail=detail
    )


def _reply(report: ProblemReport, *, accepted: bool, corrected: bool) -> bool:
    """The reply says only the listing's name and the outcome, in the language the report was made in."""
    with translation.override(report.language or settings.LANGUAGE_CODE):
        context = {"facility": report.facility, "accepted": accepted, "corrected": corrected}
        subject = render_to_string("reports/reply_subject.txt", context).strip()
        body = render_to_string("reports/reply_body.txt", context)
    try:
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [report.email])
    except (smtplib.SMTPException, OSError):
        # The address is erased all the same: a closed report keeps no personal data.
        logger.warning("the reply to problem report %s could not be sent", report.public_id)
        return False
    return True


def _close(
    report: ProblemReport, *, status: str, reviewer: User, outcome: str, ip_address: str | None, corrected: bool = False
) -> None:
    """Decide the report and its merged duplicates; reply to each reporter who left an address, then erase it.

    A merged duplicate keeps its status and hears the outcome of the report it joined.
    """
    now = timezone.now()
    report.status, report.outcome = status, outcome
    for closing in [report, *report.duplicates.filter(status=Status.MERGED)]:
        closing.reviewed_by, closing.reviewed_at = reviewer, now
        if closing.email:
            replied = _reply(closing, accepted=status == Status.ACCEPTED, corrected=corrected)
            closing.replied_at = now if replied else None
            closing.email = ""
            detail = "reply sent, e-mail erased" if replied else "reply failed, e-mail erased"
            _audit(closing, reviewer, ip_address, detail, action=AuditAction.ERASE)
        closing.reporter_key = ""  # no longer counted towards the mark on the page
        closing.save()


@transaction.atomic
def problem_report_accept(
    *, report: ProblemReport, reviewer: User, values: dict[str, Any], outcome: str, ip_address: str | None
) -> list[str]:
    """Accept: correct the listing as the report's kind says, stamped as reviewed after a report; the facts changed."""
    report = _locked_open(report)
    facility = Facility.objects.select_for_update().get(pk=report.facility_id)
    facts = correct_listing(
        facility=facility, kind=report.kind, values=values, by=reviewer.get_username(), today=timezone.localdate()
    )
    if facts:
        facility.save()
        _audit(
            report,
            reviewer,
            ip_address,
            f"listing {facility.public_id} corrected after a report: {', '.join(facts)}",
            action=AuditAction.LISTING,
        )
    _audit(report, reviewer, ip_address, f"problem report accepted ({report.kind}), listing {facility.public_id}")
    _close(
        report, status=Status.ACCEPTED, reviewer=reviewer, outcome=outcome, ip_address=ip_address, corrected=bool(facts)
    )
    return facts


@transaction.atomic
def problem_report_reject(*, report: ProblemReport, reviewer: User, outcome: str, ip_address: str | None) -> None:
    report = _locked_open(report)
    _audit(
        report, reviewer, ip_address, f"problem report rejected ({report.kind}), listing {report.facility.public_id}"
    )
    _close(report, status=Status.REJECTED, reviewer=reviewer, outcome=outcome, ip_address=ip_address)


@transaction.atomic
def problem_report_merge(*, report: ProblemReport, into: ProblemReport, reviewer: User, ip_address: str | None) -> None:
    """A duplicate waits on the report it joins: decided with it, its reporter replied to with its outcome."""
    report, into = _locked_open(report), _locked_open(into)
    if into.pk == report.pk or into.facility_id != report.facility_id or into.status != Status.OPEN:
        raise ValueError("a report merges only into another open report about the same listing")
    report.status, report.merged_into = Status.MERGED, into
    report.reviewed_by, report.reviewed_at = reviewer, timezone.now()
    report.save()
    # Its own duplicates follow it.
    report.duplicates.filter(status=Status.MERGED).update(merged_into=into)
    _audit(report, reviewer, ip_address, f"problem report merged into {into.public_id}")
