from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class JobRun(models.Model):
    """One run of a scheduled command, opened when it starts and closed when it ends.

    A row per run rather than one per job, so two runs at once (a timer and a
    run by hand) both show. The summary is what the command printed for an
    operator: counts and file names, never anything about a person.
    """

    class Job(models.TextChoices):
        PURGE = "purge_requests", _("Erase expired coverage requests")
        BACKUP = "backup_database", _("Back up the database")
        IMPORT = "import_directory", _("Import the national directory")

    class Status(models.TextChoices):
        RUNNING = "running", _("running, or stopped before it could finish")
        SUCCEEDED = "succeeded", _("succeeded")
        FAILED = "failed", _("failed")

    job = models.CharField(max_length=32, choices=Job.choices)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.RUNNING)
    started_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)
    summary = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["-started_at", "-pk"]
        indexes = [models.Index(fields=["job", "status", "-started_at"], name="jobrun_job_status_started")]

    def __str__(self) -> str:
        return f"{self.job} {self.started_at:%Y-%m-%d %H:%M} {self.status}"
