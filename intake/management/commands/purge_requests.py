"""Erase coverage requests closed longer than the retention period, or one request on demand.

Run daily (see README). Only a count per month and final status remains.
The same run removes audit entries older than AUDIT_RETENTION_DAYS, the one
path by which anything leaves the audit log, leaving a count per month and action,
and erases, after the same retention as coverage requests, the contact
addresses of problem reports nobody answered and the personal details of
decided listing claims.
"""

import uuid
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from intake.audit_retention import audit_entries_purge
from intake.selectors import coverage_request_get, coverage_requests_due_for_erasure
from intake.services import coverage_requests_erase
from operations.job_runs import recorded_run
from operations.models import JobRun
from reports.retention import problem_report_contacts_erase_expired
from representatives.retention import listing_claims_erase_expired


class Command(BaseCommand):
    help = "Erase the personal data of coverage requests closed longer than COVERAGE_RETENTION_DAYS."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--days", type=int, default=None, help="Retention in days (default: the setting).")
        parser.add_argument("--request", dest="public_id", help="Erase this one request now (a deletion request).")

    def handle(self, *args: Any, days: int | None, public_id: str | None, **options: Any) -> None:
        if public_id:
            try:
                found = coverage_request_get(uuid.UUID(public_id))
            except ValueError:
                raise CommandError(f"{public_id!r} is not a request id") from None
            if found is None:
                raise CommandError(f"no coverage request {public_id}")
            coverage_requests_erase(requests=[found], actor=None, ip_address=None, reason="deletion request")
            self.stdout.write(f"Erased request {public_id}.")
            return
        # The scheduled purge reports its runs on the back office's jobs page; a single erasure above does not.
        with recorded_run(JobRun.Job.PURGE) as run:
            retention = settings.COVERAGE_RETENTION_DAYS if days is None else days
            if retention < 0:
                raise CommandError("--days cannot be negative")
            due = coverage_requests_due_for_erasure(retention_days=retention)
            result = coverage_requests_erase(
                requests=due, actor=None, ip_address=None, reason=f"retention {retention} days"
            )
            self.stdout.write(f"Erased {result.erased} request(s) closed more than {retention} days ago.")
            contacts = problem_report_contacts_erase_expired(retention_days=retention)
            claims = listing_claims_erase_expired(retention_days=retention)
            self.stdout.write(
                f"Erased the contact of {contacts} problem report(s) and the details of {claims} listing claim(s)."
            )
            audit = audit_entries_purge(retention_days=settings.AUDIT_RETENTION_DAYS)
            self.stdout.write(
                f"Removed {audit.purged} audit entries older than {audit.cutoff:%Y-%m-%d}, keeping a count."
            )
            run.summary = (
                f"Erased {result.erased} request(s) past {retention} days, {contacts} report contact(s) and"
                f" {claims} claim(s); removed {audit.purged} audit entries."
            )
