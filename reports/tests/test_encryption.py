"""A reporter's e-mail address is re-encrypted with the newest key, like every other encrypted value."""

import pytest
from cryptography.fernet import Fernet
from django.core.management import call_command
from django.db import connection

from intake.fields import decrypt_text
from reports.models import Kind, ProblemReport

pytestmark = pytest.mark.django_db


def stored_email(report: ProblemReport) -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT email FROM reports_problemreport WHERE id = %s", [report.pk])
        return cursor.fetchone()[0]


def test_key_rotation_re_encrypts_reporters_addresses(settings, make_report):
    old_key, new_key = settings.FIELD_ENCRYPTION_KEYS[0], Fernet.generate_key().decode()
    report = make_report(Kind.CLOSED, email="rotate@example.com")
    settings.FIELD_ENCRYPTION_KEYS = [new_key, old_key]
    call_command("rotate_encryption_keys", stdout=open("/dev/null", "w"))  # noqa: SIM115
    settings.FIELD_ENCRYPTION_KEYS = [new_key]
    assert decrypt_text(stored_email(report)) == "rotate@example.com"
    assert ProblemReport.objects.get(pk=report.pk).email == "rotate@example.com"
