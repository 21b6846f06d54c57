"""A person withdraws their own coverage request: its short reference plus the phone or e-mail they gave.

The reference (the first 8 hex digits of the request's random public_id) is
shown on the confirmation page; alone it erases nothing, so a mistyped or
guessed reference without the matching contact changes nothing. Attempts are
rate-limited per client address and each erasure is audited like a staff one.
"""

from __future__ import annotations

import re

from django import forms
from django.utils.translation import gettext_lazy as _

from intake.models import CoverageRequest
from intake.ratelimit import hit
from intake.services import coverage_requests_erase

REFERENCE_LENGTH = 8
WITHDRAW_ATTEMPTS_PER_HOUR = 10
_REFERENCE = re.compile(r"^[0-9A-F]{8}$")


def reference_of(request: CoverageRequest) -> str:
    """ "3F9A-2C1D": short enough to read out on the phone."""
    head = request.public_id.hex[:REFERENCE_LENGTH].upper()
    return f"{head[:4]}-{head[4:]}"


def _digits(text: str) -> str:
    return "".join(c for c in text if c.isdigit())[-10:]


def _same_contact(request: CoverageRequest, contact: str) -> bool:
    contact = contact.strip()
    if "@" in contact:
        return bool(request.email) and request.email.strip().casefold() == contact.casefold()
    digits = _digits(contact)
    return len(digits) == 10 and bool(request.phone) and _digits(request.phone) == digits


class WithdrawForm(forms.Form):
    reference = forms.CharField(
        label=_("Reference"),
        help_text=_("The 8 letters and numbers on the confirmation page, such as 3F9A-2C1D."),
        max_length=20,
    )
    contact = forms.CharField(
        label=_("The phone number or e-mail address you gave"),
        max_length=254,
    )

    def clean_reference(self) -> str:
        reference = re.sub(r"[\s-]", "", self.cleaned_data["reference"]).upper()
        if not _REFERENCE.match(reference):
            raise forms.ValidationError(_("A reference is 8 letters (A to F) and numbers, such as 3F9A-2C1D."))
        return reference


def withdrawal_allowed(ip_address: str) -> bool:
    return hit("withdraw-ip", ip_address, limit=WITHDRAW_ATTEMPTS_PER_HOUR, window_seconds=3600)


def coverage_request_withdraw(*, reference: str, contact: str, ip_address: str | None) -> bool:
    """Erase the request with this reference and contact at once; False when none matches."""
    candidates = CoverageRequest.objects.filter(public_id__startswith=reference.lower())
    matching = [request for request in candidates if _same_contact(request, contact)]
    if not matching:
        return False
    coverage_requests_erase(
        requests=matching, actor=None, ip_address=ip_address, reason="withdrawn by the person who sent it"
    )
    return True
