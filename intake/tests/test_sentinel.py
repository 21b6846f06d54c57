"""The sentinel test: a recognisable date of birth and member ID, once submitted, are nowhere in clear.

Not in the database (its bytes on SQLite; every text column of the intake
tables on PostgreSQL), not in the logs, not in the staff e-mail.
"""

import logging

import pytest
from django.apps import apps
from django.core import mail
from django.db import connection
from django.urls import reverse

from intake.models import CoverageRequest

pytestmark = pytest.mark.django_db

SENTINEL_BIRTH_DATE = "1931-07-23"
SENTINEL_MEMBER_ID = "ZQXSENTINEL48151623"
SENTINEL_NAME = "Quillon Sentinelworth"


def database_contents() -> bytes:
    """Everything the database holds, as bytes to search."""
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        # The whole database image, page by page, free pages included (tests use an in-memory database).
        return connection.connection.serialize()
    chunks: list[bytes] = []
    with connection.cursor() as cursor:
        for model in apps.get_app_config("intake").get_models():
            table = model._meta.db_table
            cursor.execute(
                "SELECT column_name FROM information_schema.columns WHERE table_name = %s "
                "AND data_type IN ('text', 'character varying', 'character', 'uuid', 'date', 'jsonb')",
                [table],
            )
            for (column,) in cursor.fetchall():
                cursor.execute(f'SELECT "{column}"::text FROM "{table}"')  # noqa: S608 - names from the catalogue
                chunks.extend((value or "").encode() for (value,) in cursor.fetchall())
    return b"\n".join(chunks)


def test_the_date_of_birth_and_member_id_appear_nowhere_in_clear(
    client, form_data, settings, caplog, django_capture_on_commit_callbacks
):
    settings.COVERAGE_NOTIFY_EMAILS = ["coverage-team@iopfinder.example"]
    caplog.set_level(logging.DEBUG)
    caplog.set_level(logging.DEBUG, logger="django.db.backends")
    data = {
        **form_data,
        "full_name": SENTINEL_NAME,
        "date_of_birth": SENTINEL_BIRTH_DATE,
        "member_id": SENTINEL_MEMBER_ID,
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("intake:new"), data)
    assert response.status_code == 302

    stored = CoverageRequest.objects.get()
    assert stored.member_id == SENTINEL_MEMBER_ID  # it was stored, and decrypts

    contents = database_contents()
    # The scan does see the row: its consent hash, stored in clear, is found.
    assert stored.contact_consent_sha256.encode() in contents
    for secret in (SENTINEL_BIRTH_DATE, SENTINEL_MEMBER_ID, SENTINEL_NAME, "2025550143", "jordan@example.com"):
        assert secret.encode() not in contents, f"{secret} found in clear in the database"
        assert secret not in caplog.text, f"{secret} found in the logs"

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert str(stored.public_id) in message.body  # only a link to the back office
    everything_sent = f"{message.subject}{message.body}{message.to}"
    for secret in (SENTINEL_BIRTH_DATE, SENTINEL_MEMBER_ID, SENTINEL_NAME, "2025550143", "jordan@example.com"):
        assert secret not in everything_sent
    assert any(record.name == "intake.services" for record in caplog.records)  # logging was captured


def test_the_scan_would_catch_a_value_stored_in_clear(facility):
    # Guard against a scan that finds nothing at all: a clear-text column holding the sentinel is found.
    from intake.models import AuditEntry

    AuditEntry.objects.create(actor_username="sentinel-check", action="view", detail=SENTINEL_MEMBER_ID)
    assert SENTINEL_MEMBER_ID.encode() in database_contents()
