"""Who speaks for a listing, how staff checked it, and what they changed.

A person asks to manage a listing (ListingClaim); staff call the listing's own
phone number from the directory and record who they spoke to and when; a
verified claim ties the listing to a Representative, a sign-in account that is
never staff. What the representative submits is a ProgramUpdate: the first of
a listing waits for review; later ones show at once and stay reviewable, with
what they replaced kept so that a rejection can put it back.

Personal data (names, e-mail addresses, phone numbers) is encrypted field by
field, as in coverage requests.
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from intake.fields import EncryptedTextField


class Representative(models.Model):
    """The person behind a sign-in account that sees only its verified listings."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="representative")
    full_name = EncryptedTextField(_("name"))
    email = EncryptedTextField(_("work e-mail"))
    # A keyed hash of the e-mail address: encrypted fields cannot be searched, and a second claim by the
    # same person reuses their account.
    email_digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("program representative")

    def __str__(self) -> str:
        return f"representative {self.user_id}"


class ClaimStatus(models.TextChoices):
    WAITING = "waiting", _("Waiting for a call")
    VERIFIED = "verified", _("Verified")
    DECLINED = "declined", _("Declined")


class ListingClaim(models.Model):
    """A request to manage a listing, and how staff checked it."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    facility = models.ForeignKey("directory.Facility", on_delete=models.CASCADE, related_name="listing_claims")
    created_at = models.DateTimeField(auto_now_add=True)
    full_name = EncryptedTextField(_("name"))
    role = EncryptedTextField(_("role at the program"))
    email = EncryptedTextField(_("work e-mail"))
    callback_phone = EncryptedTextField(_("phone to call back"))
    # The language of the claim form: the sign-in link is e-mailed in it.
    language = models.CharField(max_length=10, default="en")

    status = models.CharField(max_length=16, choices=ClaimStatus.choices, default=ClaimStatus.WAITING)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    # The number staff dialled: the listing's own, as the directory had it at the time.
    called_number = models.CharField(max_length=60, blank=True)
    spoke_with = EncryptedTextField(_("who staff spoke to"), blank=True)
    representative = models.ForeignKey(
        Representative, null=True, blank=True, on_delete=models.SET_NULL, related_name="claims"
    )

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "created_at"], name="listing_claim_status")]
        permissions = [("verify_listingclaim", "Can verify a listing claim by calling the listing")]

    def __str__(self) -> str:
        return f"listing claim {self.public_id}"


class UpdateStatus(models.TextChoices):
    WAITING = "waiting", _("Waiting for review")
    SHOWN = "shown", _("Shown, not yet reviewed")
    ACCEPTED = "accepted", _("Accepted")
    REJECTED = "rejected", _("Rejected")


class ProgramUpdate(models.Model):
    """Facts a representative submitted for one listing, and the review of them."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    facility = models.ForeignKey("directory.Facility", on_delete=models.CASCADE, related_name="program_updates")
    representative = models.ForeignKey(
        Representative, null=True, blank=True, on_delete=models.SET_NULL, related_name="updates"
    )
    # ProgramFacts field -> value submitted.
    changes = models.JSONField()
    # Once shown: ProgramFacts field -> the value it replaced, and group -> the stamp it replaced (or null).
    previous = models.JSONField(default=dict, blank=True)
    previous_stamps = models.JSONField(default=dict, blank=True)
    submitted_at = models.DateTimeField()
    shown_at = models.DateTimeField(null=True, blank=True)
    status = models.CharField(max_length=16, choices=UpdateStatus.choices)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-submitted_at", "-pk"]
        indexes = [models.Index(fields=["status", "submitted_at"], name="program_update_status")]
        permissions = [("review_programupdate", "Can accept or reject a program's update")]

    def __str__(self) -> str:
        return f"program update {self.public_id}"

    @property
    def to_review(self) -> bool:
        return self.status in {UpdateStatus.WAITING, UpdateStatus.SHOWN}
