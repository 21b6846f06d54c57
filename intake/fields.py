"""A text field stored encrypted with Fernet, decrypted when read.

Fernet tokens are randomised, so these columns can be neither searched nor
indexed: look a request up by its public_id, never by its personal data.
"""

from functools import cache
from typing import Any

from cryptography.fernet import InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import models

from intake.keys import multi_fernet


@cache
def _fernet_for(keys: tuple[str, ...]) -> MultiFernet:
    try:
        return multi_fernet(list(keys))
    except ValueError as error:
        raise ImproperlyConfigured(f"FIELD_ENCRYPTION_KEYS holds a value that is not a Fernet key: {error}") from None


def field_fernet() -> MultiFernet:
    # Keyed by the settings value so that tests overriding the keys get their own instance.
    return _fernet_for(tuple(settings.FIELD_ENCRYPTION_KEYS))


def encrypt_text(value: str) -> str:
    return field_fernet().encrypt(value.encode()).decode()


def decrypt_text(token: str) -> str:
    return field_fernet().decrypt(token.encode()).decode()


class EncryptedTextField(models.TextField):
    """Plain `str` in Python; a Fernet token in the database. An empty value stays empty (erased)."""

    def get_prep_value(self, value: Any) -> Any:
        value = super().get_prep_value(value)
        if value is None or value == "":
            return value
        return encrypt_text(str(value))

    def from_db_value(self, value: str | None, expression: Any, connection: Any) -> str | None:
        if value is None or value == "":
            return value
        try:
            return decrypt_text(value)
        except InvalidToken:
            # A key was removed too early; say so instead of showing ciphertext as data.
            raise ImproperlyConfigured(
                "A stored value cannot be decrypted with FIELD_ENCRYPTION_KEYS: was a key removed before rotation?"
            ) from None


class EncryptedTOTPKeyField(models.CharField):
    """django-otp's TOTPDevice.key, stored as a Fernet token with FIELD_ENCRYPTION_KEYS; hex in Python as before.

    Put in place of django-otp's own field class when the app loads (intake.apps),
    so a copy of the database alone cannot make a staff member's codes. To
    migrations it is still django-otp's CharField; intake migration 0004 widens
    the column for the token and encrypts the seeds stored before.
    """

    def deconstruct(self) -> Any:
        name, _, args, kwargs = super().deconstruct()
        return name, "django.db.models.CharField", args, kwargs

    def get_prep_value(self, value: Any) -> Any:
        value = super().get_prep_value(value)
        return encrypt_text(value) if value else value

    def from_db_value(self, value: str | None, expression: Any, connection: Any) -> str | None:
        if not value or is_plain_totp_seed(value):
            return value  # a seed stored before encryption, until migration 0004 has run
        try:
            return decrypt_text(value)
        except InvalidToken:
            raise ImproperlyConfigured(
                "A TOTP seed cannot be decrypted with FIELD_ENCRYPTION_KEYS: was a key removed before rotation?"
            ) from None


def is_plain_totp_seed(value: str) -> bool:
    """django-otp's seeds are at most 80 hex digits; a Fernet token is longer and not hex."""
    return len(value) <= 80 and all(character in "0123456789abcdefABCDEF" for character in value)


def encrypt_totp_seeds_in_place() -> None:
    """Use the encrypted field for TOTPDevice.key (called once, when the app loads)."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    TOTPDevice._meta.get_field("key").__class__ = EncryptedTOTPKeyField
