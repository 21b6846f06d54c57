"""The public coverage-request form and the small staff forms."""

import datetime
from typing import Any

import phonenumbers
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from directory.models import Facility
from directory.phones import valid_number
from intake.choices import US_STATES_SHOWN, Carrier, ContactTime, Status
from intake.consent import CONTACT_CONSENT_TEXT, SHARE_CONSENT_TEXT

HONEYPOT_FIELD = "website"
_OLDEST_AGE_YEARS = 120


def _required(message: object) -> dict[str, Any]:
    return {"required": message}


class AccessibleErrorsMixin:
    """Marks fields with errors aria-invalid and points them at their message (and hint) for screen readers."""

    def full_clean(self) -> None:
        super().full_clean()  # type: ignore[misc]
        for name in self.errors:  # type: ignore[attr-defined]
            field = self.fields.get(name)  # type: ignore[attr-defined]
            if field is None:
                continue
            described_by = [f"id_{name}_error"] + ([f"id_{name}_helptext"] if field.help_text else [])
            field.widget.attrs.update({"aria-invalid": "true", "aria-describedby": " ".join(described_by)})


class CoverageRequestForm(AccessibleErrorsMixin, forms.Form):
    full_name = forms.CharField(
        label=_("Full name"), max_length=200, error_messages=_required(_("Enter your full name."))
    )
    date_of_birth = forms.DateField(
        label=_("Date of birth"),
        # No example format here: the browser's date picker shows its own (mm/dd/yyyy in the US).
        help_text=_("Insurers need it to find your plan."),
        input_formats=["%Y-%m-%d", "%m/%d/%Y", "%m-%d-%Y"],
        widget=forms.DateInput(attrs={"type": "date", "autocomplete": "bday"}, format="%Y-%m-%d"),
        error_messages={
            "required": _("Enter your date of birth."),
            "invalid": _("Enter your date of birth as year-month-day, for example 1984-03-27."),
        },
    )
    phone = forms.CharField(
        label=_("Phone number"),
        required=False,
        max_length=30,
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
    )
    email = forms.EmailField(
        label=_("E-mail address"),
        required=False,
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={"invalid": _("Enter an e-mail address like name@example.com.")},
    )
    contact_time = forms.ChoiceField(
        label=_("Best time to reach you"),
        choices=ContactTime.choices,
        initial=ContactTime.ANY,
        error_messages=_required(_("Choose the best time to reach you.")),
    )
    state = forms.ChoiceField(
        label=_("State you live in"),
        choices=[("", _("Choose a state")), *US_STATES_SHOWN],
        error_messages=_required(_("Choose the state you live in.")),
    )
    carrier = forms.ChoiceField(
        label=_("Insurance"),
        choices=[("", _("Choose your insurance")), *Carrier.choices],
        error_messages=_required(_("Choose your insurance, or “I have no insurance”.")),
    )
    member_id = forms.CharField(
        label=_("Member ID"),
        required=False,
        max_length=50,
        help_text=_("On the front of your insurance card. Not needed if you have no insurance."),
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    group_number = forms.CharField(
        label=_("Group number (optional)"),
        required=False,
        max_length=50,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    message = forms.CharField(
        label=_("Anything else we should know? (optional)"),
        help_text=_("Please do not write about your health or substance use here: we do not need it."),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    contact_consent = forms.BooleanField(
        label=CONTACT_CONSENT_TEXT,
        error_messages=_required(_("Tick the box to let us contact you: we cannot answer without it.")),
    )
    share_consent = forms.BooleanField(label=SHARE_CONSENT_TEXT, required=False)
    # Hidden from people by CSS; bots that fill every field give themselves away.
    website = forms.CharField(label=_("Leave this field empty"), required=False)

    def __init__(self, *args: Any, facility: Facility | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.facility = facility
        if facility is None:
            del self.fields["share_consent"]

    def clean_full_name(self) -> str:
        return " ".join(self.cleaned_data["full_name"].split())

    def clean_date_of_birth(self) -> datetime.date:
        born: datetime.date = self.cleaned_data["date_of_birth"]
        today = timezone.localdate()
        if born > today:
            raise forms.ValidationError(_("Your date of birth cannot be in the future."))
        if born.year < today.year - _OLDEST_AGE_YEARS:
            raise forms.ValidationError(_("Check the year of your date of birth."))
        return born

    def clean_phone(self) -> str:
        raw = self.cleaned_data["phone"].strip()
        if not raw:
            return ""
        number = valid_number(raw)
        if number is None:
            raise forms.ValidationError(_("Enter a phone number with its area code, like 202-555-0143."))
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)

    def clean_member_id(self) -> str:
        return self.cleaned_data["member_id"].strip()

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        reachable = cleaned.get("phone") or cleaned.get("email")
        if not reachable and "phone" not in self.errors and "email" not in self.errors:
            self.add_error("phone", _("Give a phone number or an e-mail address, so we can reach you."))
        carrier = cleaned.get("carrier")
        if carrier and carrier != Carrier.NONE and not cleaned.get("member_id"):
            self.add_error("member_id", _("Enter the member ID from your insurance card."))
        return cleaned

    @property
    def is_bot(self) -> bool:
        return bool(self.data.get(HONEYPOT_FIELD))


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=Status.choices)


class NoteForm(forms.Form):
    text = forms.CharField(label=_("Note"), max_length=4000, widget=forms.Textarea(attrs={"rows": 3}))


class StaffLoginForm(forms.Form):
    username = forms.CharField(label=_("User name"), max_length=150)
    password = forms.CharField(
        label=_("Password"), widget=forms.PasswordInput(attrs={"autocomplete": "current-password"})
    )
    otp_token = forms.CharField(
        label=_("Code from your authenticator app"),
        max_length=8,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )
