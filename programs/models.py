"""What a program says of itself that SAMHSA's survey never asks.

The yearly survey says whether a facility offers intensive outpatient care,
not when it runs, whether it has room now, or whether it can be attended from
home. A program's verified representative (or staff, or the sample data) says
so here; each group of these facts carries who said it and when (`stamps`),
so pages can date them and hide an answer about openings once it is stale.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from directory.models import Facility


class Openings(models.TextChoices):
    YES = "yes", _("Taking new clients")
    WAITING_LIST = "waiting-list", _("Waiting list")
    NOT_NOW = "not-now", _("Not taking new clients now")


class Weekday(models.TextChoices):
    MONDAY = "mon", _("Monday")
    TUESDAY = "tue", _("Tuesday")
    WEDNESDAY = "wed", _("Wednesday")
    THURSDAY = "thu", _("Thursday")
    FRIDAY = "fri", _("Friday")
    SATURDAY = "sat", _("Saturday")
    SUNDAY = "sun", _("Sunday")


class StampKind(models.TextChoices):
    """Who last said a group of facts."""

    PROGRAM = "program", _("the program")
    STAFF = "staff", _("IOP Finder staff")
    SAMPLE = "sample", _("sample data")


# The facts in groups that are dated together, by field name.
FACT_GROUPS: dict[str, tuple[str, ...]] = {
    "schedule": (
        "iop_days",
        "hours_per_week",
        "day_track",
        "evening_track",
        "weekend_track",
        "typical_weeks",
    ),
    "openings": ("openings", "waiting_list_weeks"),
    "contact": ("intake_phone", "website"),
    "details": ("virtual_iop", "languages", "insurance_plans"),
}
GROUP_OF_FIELD = {field: group for group, fields in FACT_GROUPS.items() for field in fields}


class ProgramFacts(models.Model):
    """The published facts a program has given about its own listing (one row per listing).

    Empty and null mean "the program has not said"; pages then say nothing,
    never "no".
    """

    facility = models.OneToOneField(Facility, on_delete=models.CASCADE, related_name="program_facts")

    iop_days = models.JSONField(_("days the IOP meets"), default=list, blank=True)  # Weekday values
    hours_per_week = models.PositiveSmallIntegerField(_("hours per week"), null=True, blank=True)
    day_track = models.BooleanField(_("daytime group"), null=True, blank=True)
    evening_track = models.BooleanField(_("evening group"), null=True, blank=True)
    weekend_track = models.BooleanField(_("weekend group"), null=True, blank=True)
    typical_weeks = models.PositiveSmallIntegerField(_("typical length in weeks"), null=True, blank=True)

    openings = models.CharField(_("new clients"), max_length=16, choices=Openings.choices, blank=True)
    waiting_list_weeks = models.PositiveSmallIntegerField(_("weeks of waiting list"), null=True, blank=True)

    intake_phone = models.CharField(_("intake phone"), max_length=60, blank=True)
    website = models.URLField(_("website"), max_length=500, blank=True)

    virtual_iop = models.BooleanField(_("virtual IOP"), null=True, blank=True)
    languages = models.JSONField(_("languages"), default=list, blank=True)  # plain names, as the program writes them
    insurance_plans = models.JSONField(_("insurance plans accepted"), default=list, blank=True)

    # group (FACT_GROUPS) -> {"kind": StampKind value, "at": ISO date-time}
    stamps = models.JSONField(default=dict, blank=True)

    class Meta:
        verbose_name = _("program facts")
        verbose_name_plural = _("program facts")

    def __str__(self) -> str:
        return f"facts from the program for {self.facility_id}"
