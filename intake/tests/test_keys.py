"""Production refuses to start without encryption keys; development derives its own."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

from cryptography.fernet import Fernet

from intake.keys import development_key_from

PROJECT = Path(__file__).resolve().parents[2]
STRONG_SECRET = secrets.token_urlsafe(50)


def start_django(**env: str) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "FIELD_ENCRYPTION_KEYS", "SECRET_KEY"}}
    return subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        cwd=PROJECT,
        env={**clean, "DJANGO_SETTINGS_MODULE": "iopfinder.settings", **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_production_refuses_to_start_without_field_encryption_keys():
    started = start_django(
        DEBUG="false", SECRET_KEY=STRONG_SECRET, ALLOWED_HOSTS="x", SITE_URL="https://iopfinder.example"
    )
    assert started.returncode != 0
    assert "FIELD_ENCRYPTION_KEYS is missing" in started.stderr


def test_production_starts_with_field_encryption_keys():
    keys = f"{Fernet.generate_key().decode()},{Fernet.generate_key().decode()}"
    started = start_django(
        DEBUG="false",
        SECRET_KEY=STRONG_SECRET,
        ALLOWED_HOSTS="x",
        SITE_URL="https://iopfinder.example",
        FIELD_ENCRYPTION_KEYS=keys,
    )
    assert started.returncode == 0, started.stderr


def test_the_development_key_is_a_valid_fernet_key_derived_from_the_secret():
    key = development_key_from("some development secret")
    assert Fernet(key.encode()).decrypt(Fernet(key.encode()).encrypt(b"ok")) == b"ok"
    assert key != development_key_from("another secret")
