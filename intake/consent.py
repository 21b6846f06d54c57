"""Versioned consent wording. A request stores the version and a hash of the words it was shown.

Change the wording only together with a new version, so that every stored
consent can be traced back to exactly what the person agreed to.
"""

import hashlib
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

# 2026-11: the Spanish wording is shown to Spanish readers (before, everyone read the English).
CONSENT_VERSION = "2026-11"

CONTACT_CONSENT_TEXT = _(
    "I agree that IOP Finder's coverage team may contact me, by the phone number or e-mail address I gave, "
    "about this request, and may keep my details for up to 90 days after the request is closed."
)
SHARE_CONSENT_TEXT = _(
    "I also agree that IOP Finder may share my request, including my contact and insurance details, "
    "with the program named above, so that the program can contact me. This is optional."
)


@dataclass(frozen=True)
class ConsentRecord:
    version: str
    text_sha256: str


def consent_record(text: object) -> ConsentRecord:
    """The version and SHA-256 of the consent words as the person saw them, in their language."""
    shown = str(text)  # a lazy translation becomes the words of the active language
    return ConsentRecord(version=CONSENT_VERSION, text_sha256=hashlib.sha256(shown.encode()).hexdigest())
