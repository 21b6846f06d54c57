"""The record of each import: what was read, what changed, what was refused."""

from django.db import models, transaction
from django.utils.translation import gettext_lazy as _

from directory.models import Dataset


class ImportRun(models.Model):
    class Status(models.TextChoices):
        RUNNING = "running", _("running")
        SUCCEEDED = "succeeded", _("succeeded")
        FAILED = "failed", _("failed")

    source = models.TextField()
    sha256 = models.CharField(max_length=64, blank=True)
    dataset = models.CharField(max_length=20, blank=True, choices=Dataset.choices)
    edition = models.PositiveSmallIntegerField(null=True, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.RUNNING)
    started_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    # Which process ran it, so a later run can tell a killed import from a live one.
    host = models.CharField(max_length=255, blank=True)
    pid = models.PositiveIntegerField(null=True, blank=True)

    rows_read = models.PositiveIntegerField(default=0)
    added = models.PositiveIntegerField(default=0)
    updated = models.PositiveIntegerField(default=0)
    unchanged = models.PositiveIntegerField(default=0)
    removed = models.PositiveIntegerField(default=0)
    # Of the updated: listings whose identity key changed (renamed, street re-spelled, moved within the ZIP code)
    # but which the second pass recognised, so they kept their public_id (imports.rename_match).
    renamed_or_moved = models.PositiveIntegerField(default=0)
    # Facts a reviewed correction holds that this source disagreed with (directory.provenance).
    flagged_for_review = models.PositiveIntegerField(default=0)
    rejected = models.PositiveIntegerField(default=0)
    rejected_rows = models.JSONField(default=list, blank=True)
    warnings = models.JSONField(default=list, blank=True)
    error = models.TextField(blank=True)

    class Meta:
        ordering = ["-started_at", "-id"]
        get_latest_by = "started_at"

    def __str__(self) -> str:
        return f"Import #{self.pk} of {self.source} ({self.status})"

    def save(self, *args: object, **kwargs: object) -> None:
        super().save(*args, **kwargs)  # type: ignore[arg-type]
        if self.status == self.Status.SUCCEEDED:
            from imports.latest import forget_latest_import

            # Now for this process, and again once committed, in case a request
            # cached the previous edition in between.
            forget_latest_import()
            transaction.on_commit(forget_latest_import)

    @property
    def accepted(self) -> int:
        return self.added + self.updated + self.unchanged

    def summary(self) -> str:
        return (
            f"{self.rows_read:,} rows read: {self.added:,} added, "
            f"{self.updated:,} updated ({self.renamed_or_moved:,} kept through a rename or move), "
            f"{self.unchanged:,} unchanged, {self.removed:,} removed, {self.rejected:,} rejected"
            + (f"; {self.flagged_for_review:,} corrected facts flagged for review" if self.flagged_for_review else "")
        )


class SourceRecord(models.Model):
    """What one row of one source said, as read: the evidence a published listing is assembled from.

    One record per source row per edition: importing the same edition again
    replaces its records with what the file says now. `facility` is the
    listing the row was matched to or created; it is empty for a row that
    described no listing kept (an older file's row for a program no longer
    listed).
    """

    dataset = models.CharField(max_length=20)
    edition = models.PositiveSmallIntegerField()
    row_number = models.PositiveIntegerField()
    # The latest import that read the row: deleting that run's record deletes what it read.
    import_run = models.ForeignKey(ImportRun, on_delete=models.CASCADE, related_name="source_records")
    facility = models.ForeignKey(
        "directory.Facility", null=True, blank=True, on_delete=models.SET_NULL, related_name="source_records"
    )
    # The source's own identifier for the row, where it has one (FindTreatment.gov's frid).
    source_ref = models.CharField(max_length=100, blank=True)
    content_hash = models.CharField(max_length=64)
    values = models.JSONField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["dataset", "edition", "row_number"], name="source_record_row_per_edition"),
        ]
        indexes = [models.Index(fields=["source_ref"], name="source_record_ref")]

    def __str__(self) -> str:
        return f"{self.dataset} {self.edition} row {self.row_number}"
