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
