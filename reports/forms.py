"""The public "Report a problem" form, and the reviewer's forms to accept, reject or merge a report."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from directory.models import Facility
from directory.phones import valid_number
from intake.forms import HONEYPOT_FIELD, AccessibleErrorsMixin
from reports.models import Kind, ProblemReport

PHONE_MESSAGE = _("Enter the phone number with its area code, like 202-555-0143.")


def listing_phone(raw: str) -> str | None:
    """A US phone number as the directory writes them ("202-555-0143 x12"), or None when it is no number."""
    number = valid_number(raw, us_only=True)
    if number is None:
        return None
    digits = str(number.national_number)
    written = f"{digits[:3]}-{digits[3:6]}-{digits[6:]}"
    return f"{written} x{number.extension}" if number.extension else written


class FirstChoiceRadioSelect(forms.RadioSelect):
    """Radio buttons named by their legend, whose error-summary link leads to the first choice (not to "#")."""

    def id_for_label(self, id_: str, index: str | None = None) -> str:
        return super().id_for_label(id_, "0" if index is None else index)


class ProblemReportForm(AccessibleErrorsMixin, forms.Form):
    kind = forms.ChoiceField(
        label=_("What is wrong?"),
        choices=Kind.choices,
        widget=FirstChoiceRadioSelect,
        error_messages={
            "required": _("Choose what is wrong with the listing."),
            "invalid_choice": _("Choose one of the problems listed."),
        },
    )
    correct_value = forms.CharField(
        label=_("The correct details, if you know them (optional)"),
        help_text=_("For example the right phone number or address. Please do not include health information."),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"max_length": _("Keep it under 500 characters.")},
    )
    email = forms.EmailField(
        label=_("Your e-mail address, if you would like a reply (optional)"),
        help_text=_("We use it only to tell you what we did, then delete it."),
        required=False,
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={"invalid": _("Enter an e-mail address like name@example.com, or leave it empty.")},
    )
    # Hidden from people by CSS; bots that fill every field give themselves away.
    website = forms.CharField(label=_("Leave this field empty"), required=False)

    def clean_correct_value(self) -> str:
        return " ".join(self.cleaned_data["correct_value"].split())

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        value = cleaned.get("correct_value", "")
        if cleaned.get("kind") == Kind.PHONE and value:
            written = listing_phone(value)
            if written is None:
                self.add_error("correct_value", PHONE_MESSAGE)
            else:
                cleaned["correct_value"] = written
        return cleaned

    @property
    def is_bot(self) -> bool:
        return bool(self.data.get(HONEYPOT_FIELD))


class DecisionForm(AccessibleErrorsMixin, forms.Form):
    outcome = forms.CharField(
        label=_("What you did (kept with the report; never about the reporter)"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class PhoneAcceptForm(DecisionForm):
    phone = forms.CharField(label=_("Main phone number"), max_length=60)

    def clean_phone(self) -> str:
        written = listing_phone(self.cleaned_data["phone"])
        if written is None:
            raise forms.ValidationError(PHONE_MESSAGE)
        return written


class AddressAcceptForm(DecisionForm):
    street1 = forms.CharField(label=_("Street"), max_length=300)
    street2 = forms.CharField(label=_("Street, second line"), max_length=300, required=False)
    city = forms.CharField(label=_("City"), max_length=120)
    zip_code = forms.CharField(label=_("ZIP code"), max_length=10)

    def clean_zip_code(self) -> str:
        zip_code = self.cleaned_data["zip_code"].strip()
        if not re.fullmatch(r"\d{5}(-\d{4})?", zip_code) or zip_code.startswith("00000"):
            raise forms.ValidationError(_("Enter a five-digit ZIP code."))
        return zip_code


class NoteRequiredForm(DecisionForm):
    """Payment and other reports change nothing by themselves: the reviewer says what they changed, or nothing."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["outcome"].required = True
        self.fields["outcome"].error_messages["required"] = _("Say what you changed, or that nothing changed.")


def accept_form(report: ProblemReport, data: Any = None) -> DecisionForm:
    """The accept form for the report's kind, prefilled from the report and the listing."""
    facility: Facility = report.facility
    if report.kind == Kind.PHONE:
        return PhoneAcceptForm(data, initial={"phone": report.correct_value or facility.phone}, prefix="accept")
    if report.kind == Kind.ADDRESS:
        initial = {
            "street1": report.correct_value or facility.street1,
            "street2": facility.street2,
            "city": facility.city,
            "zip_code": facility.zip_code,
        }
        return AddressAcceptForm(data, initial=initial, prefix="accept")
    if report.kind in (Kind.PAYMENT, Kind.OTHER):
        return NoteRequiredForm(data, prefix="accept")
    return DecisionForm(data, prefix="accept")


class ReportChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.get_kind_display()}, {obj.created_at:%Y-%m-%d %H:%M}"


class MergeForm(forms.Form):
    into = ReportChoiceField(
        label=_("Duplicate of"),
        queryset=ProblemReport.objects.none(),
        to_field_name="public_id",
        error_messages={"invalid_choice": _("Choose another open report about this listing.")},
    )

    def __init__(self, *args: Any, candidates: Any, **kwargs: Any) -> None:
        kwargs["prefix"] = "merge"
        super().__init__(*args, **kwargs)
        field = self.fields["into"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = candidates
