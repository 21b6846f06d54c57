"""The claim form, the sign-in forms and the staff decision form."""

from typing import Any

import phonenumbers
from django import forms
from django.utils.translation import gettext_lazy as _

from directory.phones import valid_number
from intake.forms import HONEYPOT_FIELD, AccessibleErrorsMixin


def us_phone(raw: str) -> str:
    """A US phone number as the directory shows it, "(202) 555-0143", or a ValidationError."""
    number = valid_number(raw, us_only=True)
    if number is None:
        raise forms.ValidationError(_("Enter a phone number with its area code, like 202-555-0143."))
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)


def _one_line(value: str) -> str:
    return " ".join(value.split())


class ListingClaimForm(AccessibleErrorsMixin, forms.Form):
    full_name = forms.CharField(
        label=_("Your name"), max_length=200, error_messages={"required": _("Enter your name.")}
    )
    role = forms.CharField(
        label=_("Your role at the program"),
        max_length=200,
        help_text=_("For example: program director, intake coordinator, office manager."),
        error_messages={"required": _("Enter your role at the program.")},
    )
    email = forms.EmailField(
        label=_("Work e-mail address"),
        max_length=254,
        help_text=_("We send the sign-in link here once we have checked with the program."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={
            "required": _("Enter your work e-mail address."),
            "invalid": _("Enter an e-mail address like name@example.com."),
        },
    )
    callback_phone = forms.CharField(
        label=_("A phone number where we can reach you"),
        max_length=30,
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
        error_messages={"required": _("Enter a phone number where we can reach you.")},
    )
    # Hidden from people by CSS, as on the coverage form; bots that fill every field give themselves away.
    website = forms.CharField(label=_("Leave this field empty"), required=False)

    def clean_full_name(self) -> str:
        return _one_line(self.cleaned_data["full_name"])

    def clean_role(self) -> str:
        return _one_line(self.cleaned_data["role"])

    def clean_email(self) -> str:
        return str(self.cleaned_data["email"]).strip()

    def clean_callback_phone(self) -> str:
        return us_phone(self.cleaned_data["callback_phone"])

    @property
    def is_bot(self) -> bool:
        return bool(self.data.get(HONEYPOT_FIELD))


class SignInRequestForm(AccessibleErrorsMixin, forms.Form):
    email = forms.EmailField(
        label=_("Work e-mail address"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={
            "required": _("Enter the work e-mail address we know you by."),
            "invalid": _("Enter an e-mail address like name@example.com."),
        },
    )


class SignInLinkForm(forms.Form):
    """What the e-mailed link carries: read from its query string, sent back by the button's POST."""

    account = forms.CharField(max_length=150, widget=forms.HiddenInput)
    token = forms.CharField(max_length=200, widget=forms.HiddenInput)


class Decision:
    VERIFY = "verify"
    DECLINE = "decline"


class ClaimDecisionForm(AccessibleErrorsMixin, forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[
            (Decision.VERIFY, _("Verified: the program confirmed this person may manage the listing")),
            (Decision.DECLINE, _("Declined: the program did not confirm, or nobody could be reached")),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose verified or declined.")},
    )
    called = forms.BooleanField(label=_("I called the listing's own number shown above"), required=False)
    spoke_with = forms.CharField(
        label=_("Who you spoke to at the program"),
        required=False,
        max_length=200,
        help_text=_("Their name and role, as they gave them."),
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("decision") == Decision.VERIFY:
            if not cleaned.get("called"):
                self.add_error("called", _("Call the listing's own number before you verify."))
            if not cleaned.get("spoke_with", "").strip():
                self.add_error("spoke_with", _("Write who confirmed it at the program."))
        return cleaned


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(choices=[("accept", "accept"), ("reject", "reject")])
