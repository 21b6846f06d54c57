"""The Fernet keys that encrypt personal data, and the development key.

Kept free of Django imports: settings.py calls `development_key_from` while
it is still being read.
"""

import base64

from cryptography.fernet import Fernet, MultiFernet
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF


def development_key_from(secret: str) -> str:
    """A Fernet key derived from the development SECRET_KEY, so no key literal is ever committed."""
    derived = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=b"iopfinder intake field encryption").derive(
        secret.encode()
    )
    return base64.urlsafe_b64encode(derived).decode()


def multi_fernet(keys: list[str]) -> MultiFernet:
    """Newest key first: it encrypts; every key decrypts."""
    if not keys:
        raise ValueError("at least one Fernet key is needed")
    return MultiFernet([Fernet(key.encode()) for key in keys])
