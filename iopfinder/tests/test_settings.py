"""Production refuses to start without a real secret; development has safe defaults."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from cryptography.fernet import Fernet

PROJECT = Path(__file__).resolve().parents[2]
STRONG_SECRET = secrets.token_urlsafe(50)


def django_check(**env: str) -> subprocess.CompletedProcess:
    clean = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "FIELD_ENCRYPTION_KEYS", "SITE_URL"}
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
        DEBUG="false",
        SECRET_KEY=STRONG_SECRET,
        ALLOWED_HOSTS="iopfinder.example",
        SITE_URL="https://iopfinder.example",
        FIELD_ENCRYPTION_KEYS=key,
    )
    assert done.returncode == 0, done.stderr


def test_an_unreadable_boolean_is_refused_not_guessed():
    done = django_check(DEBUG="maybe")
    assert done.returncode != 0 and "DEBUG must be true or false" in done.stderr


def production(**overrides: str) -> dict[str, str]:
    """A production environment that starts, with some variables changed."""
    return {
        "DEBUG": "false",
        "SECRET_KEY": STRONG_SECRET,
        "ALLOWED_HOSTS": "iopfinder.example",
        "SITE_URL": "https://iopfinder.example",
        "FIELD_ENCRYPTION_KEYS": Fernet.generate_key().decode(),
        **overrides,
    }


@pytest.mark.parametrize(
    "secret",
    ["x", "x" * 50, "abcd" * 20, secrets.token_urlsafe(30)],
    ids=["one character", "fifty of one character", "four distinct characters", "forty characters"],
)
def test_production_refuses_a_short_or_repetitive_secret(secret):
    done = django_check(**production(SECRET_KEY=secret))
    assert done.returncode != 0 and "SECRET_KEY is too weak" in done.stderr


@pytest.mark.parametrize(
    "keys",
    ["not-a-key", "x" * 44, f"{Fernet.generate_key().decode()},short"],
    ids=["a word", "44 characters of one letter", "a good key and a bad one"],
)
def test_production_refuses_encryption_keys_that_are_not_fernet_keys(keys):
    done = django_check(**production(FIELD_ENCRYPTION_KEYS=keys))
    assert done.returncode != 0 and "is not a Fernet key" in done.stderr


@pytest.mark.parametrize("site_url", [None, "", "http://iopfinder.example", "iopfinder.example", "https://"])
def test_production_refuses_a_site_url_that_is_missing_or_not_https(site_url):
    env = production()
    if site_url is None:
        del env["SITE_URL"]
    else:
        env["SITE_URL"] = site_url
    done = django_check(**env)
    assert done.returncode != 0 and "SITE_URL must be the site's https address" in done.stderr


def test_development_refuses_a_set_encryption_key_that_is_not_a_fernet_key():
    done = django_check(DEBUG="true", FIELD_ENCRYPTION_KEYS="not-a-key")
    assert done.returncode != 0 and "is not a Fernet key" in done.stderr


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/", "/search/?where=77002", "/api/v1/meta", "/staff/login/", "/no-such-page/"])
def test_every_response_turns_off_camera_microphone_payment_and_usb_and_keeps_location_to_this_site(client, path):
    policy = client.get(path)["Permissions-Policy"]
    directives = dict(part.strip().split("=", 1) for part in policy.split(","))
    assert {name: directives[name] for name in ("camera", "microphone", "payment", "usb")} == dict.fromkeys(
        ("camera", "microphone", "payment", "usb"), "()"
    )
    assert directives["geolocation"] == "(self)"
