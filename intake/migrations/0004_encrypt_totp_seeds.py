"""Widen TOTPDevice.key for a Fernet token and encrypt the seeds stored in clear (see intake.fields)."""

from django.db import migrations

from intake.fields import decrypt_text, encrypt_text, is_plain_totp_seed

WIDEN = 'ALTER TABLE otp_totp_totpdevice ALTER COLUMN "key" TYPE varchar(255)'
NARROW = 'ALTER TABLE otp_totp_totpdevice ALTER COLUMN "key" TYPE varchar(80)'


def _rewrite(schema_editor, change, wanted) -> None:
    # Raw SQL: the historical model would read and write the column through the swapped field class.
    with schema_editor.connection.cursor() as cursor:
        cursor.execute('SELECT id, "key" FROM otp_totp_totpdevice')
        for device_id, stored in cursor.fetchall():
            if stored and wanted(stored):
                cursor.execute('UPDATE otp_totp_totpdevice SET "key" = %s WHERE id = %s', [change(stored), device_id])


def encrypt_seeds(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(WIDEN)  # SQLite does not enforce a varchar's length
    _rewrite(schema_editor, encrypt_text, is_plain_totp_seed)


def decrypt_seeds(apps, schema_editor):
    _rewrite(schema_editor, decrypt_text, lambda stored: not is_plain_totp_seed(stored))
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(NARROW)


class Migration(migrations.Migration):
    dependencies = [
        ("intake", "0003_audit_append_only"),
        ("otp_totp", "0003_add_timestamps"),
    ]

    operations = [migrations.RunPython(encrypt_seeds, decrypt_seeds)]
