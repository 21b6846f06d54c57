"""When each scheduled job last ran, for the staff back office: recorded by the commands, read by the jobs page.

A job that stops succeeding fails quietly (a timer that never fires, a backup
folder that filled up); the jobs page says so in plain words once a daily job
has not succeeded for over 26 hours, or the yearly import for over 400 days.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.core.management.base import CommandError
from django.db import DatabaseError
from django.utils import timezone
from django.utils.translation import gettext as _

from operations.models import JobRun

logger = logging.getLogger(__name__)

# How long since its last success before a job is overdue: a day and two hours of slack for the daily
# jobs; a year and a month for the import, since SAMHSA's edition comes out once a year.
ALLOWED_SINCE_SUCCESS = {
    JobRun.Job.PURGE: timedelta(hours=26),
    JobRun.Job.BACKUP: timedelta(hours=26),
    JobRun.Job.IMPORT: timedelta(days=400),
}
SUMMARY_LENGTH = JobRun._meta.get_field("summary").max_length or 300


def _failure_summary(error: BaseException) -> str:
    # A CommandError's message is ours, written for the operator (no personal data); any other error is
    # named by its type only, since its message may quote whatever the failing code was handling.
    if isinstance(error, CommandError):
        return str(error)[:SUMMARY_LENGTH]
    return type(error).__name__


@contextmanager
def recorded_run(job: JobRun.Job) -> Iterator[JobRun]:
    """Record a run of `job`: started now, then succeeded (with the `summary` the caller set) or failed."""
    run = JobRun.objects.create(job=job)
    try:
        yield run
    except BaseException as error:
        _close(run, JobRun.Status.FAILED, _failure_summary(error))
        raise
    _close(run, JobRun.Status.SUCCEEDED, run.summary[:SUMMARY_LENGTH])


def _close(run: JobRun, status: str, summary: str) -> None:
    run.status, run.summary, run.finished_at = status, summary, timezone.now()
    try:
        run.save(update_fields=["status", "summary", "finished_at"])
    except DatabaseError:
        # The database that failed the job may refuse this too; the job's own error is the one to raise.
        logger.exception("could not record the end of %s run %s", run.job, run.pk)


@dataclass(frozen=True)
class JobOverview:
    job: JobRun.Job
    allowed: timedelta
    last_started: JobRun | None
    last_succeeded: JobRun | None
    last_failed: JobRun | None
    running: list[JobRun]
    overdue: bool

    @property
    def allowed_text(self) -> str:
        if self.allowed < timedelta(days=2):
            return _("%(hours)d hours") % {"hours": self.allowed.total_seconds() // 3600}
        return _("%(days)d days") % {"days": self.allowed.days}


def jobs_overview(now: datetime | None = None) -> list[JobOverview]:
    """For each scheduled job: its latest start, success and failure, the runs still open, and whether it is overdue."""
    now = now or timezone.now()
    overviews = []
    for job, allowed in ALLOWED_SINCE_SUCCESS.items():
        runs = JobRun.objects.filter(job=job)
        last_succeeded = runs.filter(status=JobRun.Status.SUCCEEDED).first()
        overviews.append(
            JobOverview(
                job=job,
                allowed=allowed,
                last_started=runs.first(),
                last_succeeded=last_succeeded,
                last_failed=runs.filter(status=JobRun.Status.FAILED).first(),
                running=list(runs.filter(status=JobRun.Status.RUNNING)[:5]),
                overdue=last_succeeded is None or (last_succeeded.finished_at or now) < now - allowed,
            )
        )
    return overviews


def recent_runs(limit: int = 30) -> list[JobRun]:
    return list(JobRun.objects.all()[:limit])
