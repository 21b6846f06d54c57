"""Field encryption: ciphertext at rest, plain text in Python, key rotation."""

import datetime

import pytest
from cryptography.fernet import Fernet
from django.core.management import call_command
from django.db import connection

from intake.fields import decrypt_text
from intake.models import CoverageRequest
from intake.services import coverage_request_create

pytestmark = pytest.mark.django_db


def stored_member_id(request: CoverageRequest) -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT member_id FROM intake_coveragerequest WHERE id = %s", [request.pk])
        return cursor.fetchone()[0]


def make_request() -> CoverageRequest:
    return coverage_request_create(
        full_name="Sam Rotate",
        date_of_birth=datetime.date(1990, 1, 2),
        phone="",
        email="sam@example.com",
        contact_time="any",
        state="TX",
        carrier="cigna",
        member_id="ROT-0001",
        contact_consent=True,
    )


def test_the_column_holds_a_fernet_token_and_the_model_reads_plain_text(coverage_request):
    raw = stored_member_id(coverage_request)
    assert raw != "W123456789" and raw.startswith("gAAAAA")
    assert CoverageRequest.objects.get(pk=coverage_request.pk).member_id == "W123456789"


def test_a_new_key_in_front_still_reads_old_values_and_rotation_moves_them_to_it(settings):
    old_key, new_key = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    settings.FIELD_ENCRYPTION_KEYS = [old_key]
    request = make_request()

    settings.FIELD_ENCRYPTION_KEYS = [new_key, old_key]
    assert CoverageRequest.objects.get(pk=request.pk).member_id == "ROT-0001"
    call_command("rotate_encryption_keys", stdout=open("/dev/null", "w"))  # noqa: SIM115

    settings.FIELD_ENCRYPTION_KEYS = [new_key]
    assert decrypt_text(stored_member_id(request)) == "ROT-0001"
    assert CoverageRequest.objects.get(pk=request.pk).full_name == "Sam Rotate"
