"""What production refuses at start-up: a guessable secret, unusable encryption keys, a site address without TLS.

Called by settings.py while it is read, so a bad deployment fails at once with
a message naming the variable, not at the first person's request.
"""

from urllib.parse import urlsplit

from cryptography.fernet import Fernet
from django.core.exceptions import ImproperlyConfigured

# Django's own deploy check (security.W009) asks the same of SECRET_KEY.
SECRET_KEY_MIN_LENGTH = 50
SECRET_KEY_MIN_DISTINCT = 5


def refuse_weak_secret_key(secret: str) -> None:
    if not secret or secret.startswith("django-insecure"):
        raise ImproperlyConfigured(
            "SECRET_KEY is missing or is the development placeholder: "
            "set SECRET_KEY to a long random value (or DEBUG=true for development)."
        )
    if len(secret) < SECRET_KEY_MIN_LENGTH or len(set(secret)) < SECRET_KEY_MIN_DISTINCT:
        raise ImproperlyConfigured(
            f"SECRET_KEY is too weak: it needs at least {SECRET_KEY_MIN_LENGTH} characters and "
            f"{SECRET_KEY_MIN_DISTINCT} different ones (make one with: python -c "
            "'import secrets; print(secrets.token_urlsafe(50))')."
        )


def refuse_invalid_fernet_keys(keys: list[str]) -> None:
    for position, key in enumerate(keys, start=1):
        try:
            Fernet(key.encode())
        except ValueError:
            raise ImproperlyConfigured(
                f"FIELD_ENCRYPTION_KEYS: key {position} of {len(keys)} is not a Fernet key "
                "(32 url-safe base64 bytes; make one with: "
                "python -c 'from cryptography.fernet import Fernet as F; print(F.generate_key().decode())')"
            ) from None


def refuse_site_url_without_https(site_url: str) -> None:
    address = urlsplit(site_url)
    if address.scheme != "https" or not address.netloc:
        raise ImproperlyConfigured(
            f"SITE_URL must be the site's https address, e.g. https://iopfinder.example (not {site_url!r}): "
            "the links in staff e-mails are built from it."
        )
