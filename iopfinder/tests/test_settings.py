"""Production refuses to start without a real secret; development has safe defaults."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from cryptography.fernet import Fernet

PROJECT = Path(__file__).resolve().parents[2]


def django_check(**env: str) -> subprocess.CompletedProcess:
    clean = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "FIELD_ENCRYPTION_KEYS"}
    }
    return subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=PROJECT, env={**clean, **env}, capture_output=True, text=True
    )


@pytest.mark.parametrize("secret", [None, "", "django-insecure-iopfinder-development-only"])
def test_production_refuses_to_start_without_a_real_secret(secret):
    env = {"DEBUG": "false", "ALLOWED_HOSTS": "iopfinder.example"}
    if secret is not None:
        env["SECRET_KEY"] = secret
    done = django_check(**env)
    assert done.returncode != 0 and "SECRET_KEY is missing or is the development placeholder" in done.stderr


def test_production_starts_with_a_real_secret_and_encryption_key():
    key = Fernet.generate_key().decode()
    done = django_check(
        DEBUG="false", SECRET_KEY="x" * 50, ALLOWED_HOSTS="iopfinder.example", FIELD_ENCRYPTION_KEYS=key
    )
    assert done.returncode == 0, done.stderr


def test_an_unreadable_boolean_is_refused_not_guessed():
    done = django_check(DEBUG="maybe")
    assert done.returncode != 0 and "DEBUG must be true or false" in done.stderr
