"""Fixed lists a coverage request is made of: carriers, states, contact times, statuses."""

from django.db import models
from django.utils.translation import gettext_lazy as _


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


US_STATES = [
    ("AL", "Alabama"), ("AK", "Alaska"), ("AZ", "Arizona"), ("AR", "Arkansas"), ("CA", "California"),
    ("CO", "Colorado"), ("CT", "Connecticut"), ("DE", "Delaware"), ("DC", "District of Columbia"),
    ("FL", "Florida"), ("GA", "Georgia"), ("HI", "Hawaii"), ("ID", "Idaho"), ("IL", "Illinois"),
    ("IN", "Indiana"), ("IA", "Iowa"), ("KS", "Kansas"), ("KY", "Kentucky"), ("LA", "Louisiana"),
    ("ME", "Maine"), ("MD", "Maryland"), ("MA", "Massachusetts"), ("MI", "Michigan"), ("MN", "Minnesota"),
    ("MS", "Mississippi"), ("MO", "Missouri"), ("MT", "Montana"), ("NE", "Nebraska"), ("NV", "Nevada"),
    ("NH", "New Hampshire"), ("NJ", "New Jersey"), ("NM", "New Mexico"), ("NY", "New York"),
    ("NC", "North Carolina"), ("ND", "North Dakota"), ("OH", "Ohio"), ("OK", "Oklahoma"), ("OR", "Oregon"),
    ("PA", "Pennsylvania"), ("RI", "Rhode Island"), ("SC", "South Carolina"), ("SD", "South Dakota"),
    ("TN", "Tennessee"), ("TX", "Texas"), ("UT", "Utah"), ("VT", "Vermont"), ("VA", "Virginia"),
    ("WA", "Washington"), ("WV", "West Virginia"), ("WI", "Wisconsin"), ("WY", "Wyoming"),
    ("AS", "American Samoa"), ("GU", "Guam"), ("MP", "Northern Mariana Islands"), ("PR", "Puerto Rico"),
    ("VI", "U.S. Virgin Islands"),
]  # fmt: skip
