"""A visitor's report that a listing is wrong, and what a reviewer decided.

The reporter's e-mail address is personal data: encrypted at rest and erased
once the reply is sent or the report is closed without one. `reporter_key` is
an HMAC of the client's address (never the address), kept only while the
report is open, so that reports from one connection count once.
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from directory.models import Facility
from intake.fields import EncryptedTextField


class Kind(models.TextChoices):
    PHONE = "phone", _("The phone number is wrong")
    CLOSED = "closed", _("The program has closed")
    NO_IOP = "no_iop", _("The program does not offer intensive outpatient (IOP) care")
    ADDRESS = "address", _("The address is wrong")
    PAYMENT = "payment", _("The payment or insurance details are wrong")
    OTHER = "other", _("Something else")


class Status(models.TextChoices):
    OPEN = "open", _("Waiting for review")
    ACCEPTED = "accepted", _("Accepted")
    REJECTED = "rejected", _("Rejected")
    MERGED = "merged", _("Merged into another report")


class ProblemReport(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    facility = models.ForeignKey(Facility, on_delete=models.CASCADE, related_name="problem_reports")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    # What the reporter says is right; may be empty. Free text about a listing, not about a person.
    correct_value = models.CharField(max_length=500, blank=True)
    email = EncryptedTextField(_("e-mail"), blank=True)
    reporter_key = models.CharField(max_length=64, blank=True, db_index=True)
    # The reply goes out in the language the report was made in.
    language = models.CharField(max_length=8, default="en")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN, db_index=True)
    merged_into = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL, related_name="duplicates")
    # What the reviewer did, in their words (never personal data).
    outcome = models.CharField(max_length=500, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    replied_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        permissions = [("review_problemreport", "Can review problem reports and correct listings")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.facility.public_id})"
