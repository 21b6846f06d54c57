"""Scheduled jobs record each run; the back office's jobs page tells when each last ran and which are overdue."""

from __future__ import annotations

import datetime
import io

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone

from intake.tests.conftest import admin_staff_client, admin_user, reviewer, reviewer_client  # noqa: F401
from operations.job_runs import jobs_overview, recorded_run
from operations.models import JobRun

pytestmark = pytest.mark.django_db
JOBS = reverse("operations_staff:jobs")


def ran(job: JobRun.Job, status: JobRun.Status, *, hours_ago: float, summary: str = "") -> JobRun:
    finished = timezone.now() - datetime.timedelta(hours=hours_ago)
    return JobRun.objects.create(
        job=job,
        status=status,
        started_at=finished - datetime.timedelta(minutes=3),
        finished_at=finished,
        summary=summary,
    )


def overview_of(job: JobRun.Job):
    return next(overview for overview in jobs_overview() if overview.job == job)


def test_a_purge_records_its_start_its_end_and_what_it_did():
    before = timezone.now()
    call_command("purge_requests", stdout=io.StringIO())
    run = JobRun.objects.get()
    assert (run.job, run.status) == (JobRun.Job.PURGE, JobRun.Status.SUCCEEDED)
    assert run.finished_at is not None
    assert before <= run.started_at <= run.finished_at <= timezone.now()
    assert run.summary.startswith("Erased 0 request(s) past 90 days")


def test_a_failing_job_is_recorded_as_failed_with_the_operators_message(tmp_path):
    with pytest.raises(CommandError):
        call_command("backup_database", str(tmp_path / "missing" / "site.backup"), stdout=io.StringIO())
    with pytest.raises(CommandError):
        call_command("import_directory", str(tmp_path / "no-such-file.xlsx"), stdout=io.StringIO())
    failed = {run.job: run for run in JobRun.objects.filter(status=JobRun.Status.FAILED)}
    assert set(failed) == {JobRun.Job.BACKUP, JobRun.Job.IMPORT}
    assert "is not a folder" in failed[JobRun.Job.BACKUP].summary
    assert failed[JobRun.Job.IMPORT].summary.startswith("Import failed, nothing changed")
    assert all(run.finished_at for run in failed.values())


def test_an_unexpected_error_is_recorded_by_its_type_only_since_its_message_may_quote_anything():
    with pytest.raises(ValueError), recorded_run(JobRun.Job.BACKUP):
        raise ValueError("Jordan Example, born 1980-05-17")
    assert JobRun.objects.get().summary == "ValueError"


def test_two_runs_at_once_are_both_visible(admin_staff_client):  # noqa: F811
    with recorded_run(JobRun.Job.PURGE) as first:
        call_command("purge_requests", stdout=io.StringIO())
        overview = overview_of(JobRun.Job.PURGE)
        assert [run.pk for run in overview.running] == [first.pk]
        assert overview.last_succeeded is not None and overview.last_succeeded.pk != first.pk
        page = admin_staff_client.get(JOBS).content.decode()
        assert page.count("running, or stopped before it could finish") == 1
        assert page.count("Erased 0 request(s)") == 1


@pytest.mark.parametrize(
    ("job", "hours_since_success", "overdue"),
    [
        (JobRun.Job.PURGE, 25, False),
        (JobRun.Job.PURGE, 27, True),
        (JobRun.Job.BACKUP, 27, True),
        (JobRun.Job.IMPORT, 24 * 399, False),
        (JobRun.Job.IMPORT, 24 * 401, True),
    ],
)
def test_a_job_is_overdue_once_its_last_success_is_older_than_its_allowance(job, hours_since_success, overdue):
    ran(job, JobRun.Status.SUCCEEDED, hours_ago=hours_since_success)
    ran(job, JobRun.Status.FAILED, hours_ago=1)  # a recent failure is no success
    assert overview_of(job).overdue is overdue


def test_the_page_warns_in_plain_words_about_overdue_and_never_run_jobs(admin_staff_client):  # noqa: F811
    ran(JobRun.Job.PURGE, JobRun.Status.SUCCEEDED, hours_ago=2, summary="Erased 4 request(s) past 90 days.")
    ran(JobRun.Job.BACKUP, JobRun.Status.SUCCEEDED, hours_ago=30)
    ran(JobRun.Job.BACKUP, JobRun.Status.FAILED, hours_ago=5, summary="no space left on /var/backups")
    response = admin_staff_client.get(JOBS)
    page = response.content.decode()
    assert response.status_code == 200 and "no-store" in response["Cache-Control"]
    assert "“Back up the database” has not succeeded in over 26 hours" in page
    assert "“Import the national directory” has never succeeded here" in page
    assert "Erase expired coverage requests” has" not in page
    assert "no space left on /var/backups" in page and "Erased 4 request(s)" in page
    assert f'href="{JOBS}"' in page  # the staff navigation links it

    spanish = admin_staff_client.get(JOBS, HTTP_ACCEPT_LANGUAGE="es").content.decode()
    assert "Tareas programadas" in spanish
    assert "“Hacer una copia de seguridad de la base de datos” no ha terminado bien en más de 26 horas" in spanish


def test_reviewers_neither_see_the_page_nor_its_link(reviewer_client):  # noqa: F811
    assert reviewer_client.get(JOBS).status_code == 403
    assert JOBS not in reviewer_client.get(reverse("intake_staff:list")).content.decode()
