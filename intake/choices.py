"""Fixed lists a coverage request is made of: carriers, states, contact times, statuses."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from directory.search.states import STATE_NAMES


class Carrier(models.TextChoices):
    AETNA = "aetna", "Aetna"
    ANTHEM = "anthem", "Anthem"
    BLUE_CROSS = "bcbs", "Blue Cross Blue Shield"
    CIGNA = "cigna", "Cigna"
    HUMANA = "humana", "Humana"
    KAISER = "kaiser", "Kaiser Permanente"
    UNITED = "united", "UnitedHealthcare"
    MOLINA = "molina", "Molina Healthcare"
    CENTENE = "centene", _("Ambetter / Centene")
    MEDICAID = "medicaid", _("Medicaid")
    MEDICARE = "medicare", _("Medicare")
    TRICARE = "tricare", _("TRICARE or other military coverage")
    OTHER = "other", _("Other insurance")
    NONE = "none", _("I have no insurance")


class ContactTime(models.TextChoices):
    ANY = "any", _("Any time")
    MORNING = "morning", _("Morning (9 am to noon)")
    AFTERNOON = "afternoon", _("Afternoon (noon to 5 pm)")
    EVENING = "evening", _("Evening (5 pm to 8 pm)")


class Status(models.TextChoices):
    NEW = "new", _("New")
    CONTACTED = "contacted", _("Contacted")
    COVERED = "covered", _("Verified: covered")
    NOT_COVERED = "not_covered", _("Verified: not covered")
    PARTLY_COVERED = "partly", _("Verified: partly covered")
    CLOSED = "closed", _("Closed")


class AuditAction(models.TextChoices):
    VIEW = "view", _("viewed")
    EXPORT = "export", _("exported")
    STATUS = "status", _("changed status")
    NOTE = "note", _("added a note")
    SHARE = "share", _("shared with facility")
    ERASE = "erase", _("erased personal data")
    ACCOUNT = "account", _("changed an account")
    ROLE = "role", _("changed a role")
    PASSWORD_CHANGED = "password", _("changed a password")
    DEVICE = "device", _("changed a sign-in device")
    PURGE = "purge", _("purged old audit entries")
    # Listings kept true by their readers and programs (reports, representatives).
    REVIEW = "review", _("decided a review")
    LISTING = "listing", _("changed a listing")


# The same states and territories the directory lists, so a person can name any
# state a program in the directory is in.
US_STATES = list(STATE_NAMES.items())
# As the form shows them: each name in the visitor's language, translated when drawn.
US_STATES_SHOWN = [(code, _(name)) for code, name in US_STATES]
