"""The representative's form for what a program says of itself (programs.models.ProgramFacts).

Every question may be left unanswered ("not stated"): the listing then says
nothing about it, never "no".
"""

from typing import Any

from django import forms
from django.core.validators import URLValidator
from django.utils.translation import gettext_lazy as _

from intake.forms import AccessibleErrorsMixin
from programs.models import Openings, Weekday
from representatives.forms import us_phone

NOT_STATED = ("", _("Not stated"))
YES_NO = [NOT_STATED, ("yes", _("Yes")), ("no", _("No"))]
TRI_STATE_FIELDS = ("day_track", "evening_track", "weekend_track", "virtual_iop")
LIST_LIMITS = {"languages": (12, 40), "insurance_plans": (30, 80)}  # most items, longest item


def _yes_no(value: str) -> bool | None:
    return {"yes": True, "no": False}.get(value)


def _tri_state(label: Any, help_text: Any = "") -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label=label, help_text=help_text, choices=YES_NO, coerce=_yes_no, empty_value=None, required=False,
        widget=forms.RadioSelect,
    )  # fmt: skip


def _count(label: Any, most: int, help_text: Any = "") -> forms.IntegerField:
    return forms.IntegerField(
        label=label, help_text=help_text, required=False, min_value=1, max_value=most,
        # Django fills in %(limit_value)s when the message is shown, in the visitor's language.
        error_messages={"min_value": _("Enter a number of at least %(limit_value)s."),
                        "max_value": _("Enter a number of at most %(limit_value)s."),
                        "invalid": _("Enter a whole number, like 12.")},
    )  # fmt: skip


class ProgramFactsForm(AccessibleErrorsMixin, forms.Form):
    iop_days = forms.MultipleChoiceField(
        label=_("Days the IOP meets"), choices=Weekday.choices, required=False, widget=forms.CheckboxSelectMultiple
    )
    hours_per_week = _count(_("Hours of group and counseling per week"), 40, _("Most IOPs run 9 to 19 hours a week."))
    day_track = _tri_state(_("Is there a daytime group?"))
    evening_track = _tri_state(_("Is there an evening group?"))
    weekend_track = _tri_state(_("Is there a weekend group?"))
    typical_weeks = _count(_("Typical length of the program, in weeks"), 52)
    openings = forms.ChoiceField(
        label=_("Are you taking new clients?"),
        choices=[NOT_STATED, *Openings.choices],
        required=False,
        widget=forms.RadioSelect,
    )
    waiting_list_weeks = _count(_("About how many weeks is the waiting list?"), 52, _("Only with a waiting list."))
    intake_phone = forms.CharField(
        label=_("Intake phone"),
        required=False,
        max_length=30,
        help_text=_("The line where people ask to start the program."),
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "off"}),
    )
    website = forms.URLField(
        label=_("Website"),
        required=False,
        max_length=500,
        assume_scheme="https",
        validators=[URLValidator(schemes=["http", "https"])],
        error_messages={"invalid": _("Enter a web address starting with https:// or http://.")},
    )
    virtual_iop = _tri_state(_("Can the IOP be attended online (virtual IOP)?"))
    languages = forms.CharField(
        label=_("Languages the groups are held in"),
        required=False,
        max_length=600,
        help_text=_("Separate them with commas, for example: English, Spanish, ASL."),
    )
    insurance_plans = forms.CharField(
        label=_("Insurance plans accepted"),
        required=False,
        max_length=3000,
        help_text=_("Separate them with commas, for example: Medicaid, Aetna, Blue Cross Blue Shield."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    @classmethod
    def initial_from(cls, values: dict[str, Any]) -> dict[str, Any]:
        """The form's starting answers from ProgramFacts values."""
        initial = dict(values)
        for field in TRI_STATE_FIELDS:
            initial[field] = {True: "yes", False: "no"}.get(values[field], "")
        for field in LIST_LIMITS:
            initial[field] = ", ".join(values[field])
        return initial

    def clean_iop_days(self) -> list[str]:
        chosen = set(self.cleaned_data["iop_days"])
        return [day for day in Weekday.values if day in chosen]

    def clean_intake_phone(self) -> str:
        raw = self.cleaned_data["intake_phone"].strip()
        return us_phone(raw) if raw else ""

    def _short_list(self, field: str) -> list[str]:
        most, longest = LIST_LIMITS[field]
        items: list[str] = []
        for raw in self.cleaned_data[field].replace(";", ",").replace("\n", ",").split(","):
            item = " ".join(raw.split())
            if item and item.casefold() not in {known.casefold() for known in items}:
                items.append(item)
        if any(len(item) > longest for item in items):
            raise forms.ValidationError(_("Keep each name under %(count)s characters.") % {"count": longest})
        if len(items) > most:
            raise forms.ValidationError(_("List at most %(count)s, separated by commas.") % {"count": most})
        return items

    def clean_languages(self) -> list[str]:
        return self._short_list("languages")

    def clean_insurance_plans(self) -> list[str]:
        return self._short_list("insurance_plans")

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("openings") == Openings.WAITING_LIST:
            if cleaned.get("waiting_list_weeks") is None and "waiting_list_weeks" not in self.errors:
                self.add_error("waiting_list_weeks", _("Say about how many weeks the waiting list is."))
        elif "openings" in cleaned:
            cleaned["waiting_list_weeks"] = None  # a wait only means something with a waiting list
        return cleaned

    def changes_from(self, values: dict[str, Any]) -> dict[str, Any]:
        """The answers that differ from `values` (ProgramFacts field -> value)."""
        return {field: value for field, value in self.cleaned_data.items() if values.get(field) != value}
