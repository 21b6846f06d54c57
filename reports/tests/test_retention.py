"""Reporters' addresses are not kept for a reply that never comes: the daily purge erases them."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from intake.models import AuditEntry
from reports.models import ProblemReport

pytestmark = pytest.mark.django_db


def aged(report: ProblemReport, days: int) -> None:
    ProblemReport.objects.filter(pk=report.pk).update(created_at=timezone.now() - datetime.timedelta(days=days))


def test_the_purge_erases_the_contact_of_an_open_report_past_retention(make_report, settings):
    settings.COVERAGE_RETENTION_DAYS = 90
    old = make_report(email="old@example.com", address="203.0.113.1")
    recent = make_report(email="recent@example.com", address="203.0.113.2")
    aged(old, 91)
    aged(recent, 89)
    out = io.StringIO()
    call_command("purge_requests", stdout=out)
    assert "contact of 1 problem report" in out.getvalue()
    old.refresh_from_db()
    recent.refresh_from_db()
    assert (old.email, old.reporter_key) == ("", "")
    assert old.status == "open", "the report itself still waits for review"
    assert recent.email == "recent@example.com" and recent.reporter_key
    assert AuditEntry.objects.filter(request_public_id=old.public_id, action="erase").count() == 1
    assert not AuditEntry.objects.filter(request_public_id=recent.public_id, action="erase").exists()


def test_a_second_purge_finds_nothing_more_to_erase(make_report, settings):
    settings.COVERAGE_RETENTION_DAYS = 90
    aged(make_report(email="old@example.com"), 120)
    call_command("purge_requests", stdout=io.StringIO())
    out = io.StringIO()
    call_command("purge_requests", stdout=out)
    assert "contact of 0 problem report" in out.getvalue()
