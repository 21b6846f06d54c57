"""Coverage requests, staff notes on them, the audit log, and what is left after erasure."""

import uuid
from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from intake.choices import US_STATES, AuditAction, Carrier, ContactTime, Status
from intake.fields import EncryptedTextField


class CoverageRequest(models.Model):
    """One person's question "does my insurance cover treatment?". Personal fields are encrypted."""

    # Staff URLs carry this random id, never the sequential primary key.
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.NEW)
    status_changed_at = models.DateTimeField(auto_now_add=True)

    full_name = EncryptedTextField(_("full name"))
    date_of_birth = EncryptedTextField(_("date of birth"), help_text="ISO date, encrypted.")
    phone = EncryptedTextField(_("phone"), blank=True)
    email = EncryptedTextField(_("e-mail"), blank=True)
    member_id = EncryptedTextField(_("member ID"), blank=True)
    group_number = EncryptedTextField(_("group number"), blank=True)
    message = EncryptedTextField(_("message"), blank=True)

    contact_time = models.CharField(max_length=16, choices=ContactTime.choices)
    state = models.CharField(max_length=2, choices=US_STATES)
    carrier = models.CharField(max_length=16, choices=Carrier.choices)
    facility = models.ForeignKey(
        "directory.Facility", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    consent_version = models.CharField(max_length=20)
    consent_language = models.CharField(max_length=10)
    contact_consent_sha256 = models.CharField(max_length=64)
    contact_consent_at = models.DateTimeField()
    # Set only when the person ticked the separate, optional sharing consent.
    share_consent_sha256 = models.CharField(max_length=64, blank=True)
    share_consent_at = models.DateTimeField(null=True, blank=True)
    share_facility = models.ForeignKey(
        "directory.Facility", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    shared_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "status_changed_at"], name="coverage_status")]
        permissions = [
            ("export_coveragerequest", "Can export coverage requests as CSV"),
            ("erase_coveragerequest", "Can erase a coverage request on a deletion request"),
        ]

    def __str__(self) -> str:
        return f"coverage request {self.public_id}"

    @property
    def may_be_shared(self) -> bool:
        return bool(self.share_consent_at and self.share_facility_id)


class StaffNote(models.Model):
    request = models.ForeignKey(CoverageRequest, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # Notes may repeat what the person said, so they are encrypted too.
    text = EncryptedTextField()

    class Meta:
        ordering = ["created_at"]

    def __str__(self) -> str:
        return f"note {self.pk}"


class AuditEntryQuerySet(models.QuerySet["AuditEntry"]):
    def update(self, **kwargs: Any) -> int:
        raise PermissionError("audit entries cannot be changed")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise PermissionError("audit entries cannot be deleted")


class AuditEntry(models.Model):
    """Who did what to which request, when, and from where. Append-only.

    The request is named by its public_id, not a foreign key, so the entry
    outlives the request's erasure. Append-only in the database too: triggers
    (migration intake 0003) refuse UPDATE and DELETE however they are sent,
    raw SQL included. The one exception is `audit_entries_purge` (the daily
    retention purge), which removes entries past AUDIT_RETENTION_DAYS and
    leaves their count in AuditTally. Deleting a staff account may still
    blank `actor` (its name stays in actor_username).
    """

    at = models.DateTimeField(auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    actor_username = models.CharField(max_length=150)
    action = models.CharField(max_length=16, choices=AuditAction.choices)
    request_public_id = models.UUIDField(null=True, blank=True, db_index=True)
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    # Never personal data: a status name, a count, a command name.
    detail = models.CharField(max_length=200, blank=True)

    objects = AuditEntryQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name_plural = "audit entries"

    def __str__(self) -> str:
        return f"{self.at} {self.actor_username} {self.action} {self.request_public_id or ''}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise PermissionError("audit entries cannot be changed")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise PermissionError("audit entries cannot be deleted")


class ErasedRequestTally(models.Model):
    """What remains of erased requests: how many, per month created and last status. Nothing else."""

    month = models.DateField(help_text="First day of the month the requests were made.")
    final_status = models.CharField(max_length=16, choices=Status.choices)
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["month", "final_status"], name="erased_tally_month_status")]

    def __str__(self) -> str:
        return f"{self.month:%Y-%m} {self.final_status}: {self.count}"


class AuditPurgePermit(models.Model):
    """A row here lets the audit log's triggers accept a DELETE: written and removed in the purge's own transaction.

    Uncommitted, it is seen by no other connection, so nothing else can delete meanwhile.
    """

    opened_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"audit purge permit {self.opened_at}"


class AuditTally(models.Model):
    """What remains of purged audit entries: how many, per month and action. Nothing else."""

    month = models.DateField(help_text="First day of the month the entries were written.")
    action = models.CharField(max_length=16, choices=AuditAction.choices)
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["month", "action"], name="audit_tally_month_action")]

    def __str__(self) -> str:
        return f"{self.month:%Y-%m} {self.action}: {self.count}"
