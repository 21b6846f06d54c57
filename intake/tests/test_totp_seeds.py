"""TOTP seeds are stored encrypted with the field keys: a copy of the database alone cannot make a staff code."""

import io
from importlib import import_module
from types import SimpleNamespace

import pytest
from cryptography.fernet import Fernet
from django.core.management import call_command
from django.db import connection
from django_otp.plugins.otp_totp.models import TOTPDevice

from intake.fields import decrypt_text, is_plain_totp_seed
from intake.tests.conftest import PASSWORD
from intake.tests.test_staff_auth import current_code, sign_in

pytestmark = pytest.mark.django_db


def stored_seed(device: TOTPDevice) -> str:
    with connection.cursor() as cursor:
        cursor.execute('SELECT "key" FROM otp_totp_totpdevice WHERE id = %s', [device.pk])
        return cursor.fetchone()[0]


def test_a_seed_is_stored_as_a_token_of_the_field_keys_and_read_back_as_the_seed(reviewer):
    device = TOTPDevice.objects.get(user=reviewer)
    stored = stored_seed(device)
    assert device.key not in stored and not is_plain_totp_seed(stored)
    assert decrypt_text(stored) == device.key == TOTPDevice.objects.get(pk=device.pk).key


def test_staff_still_sign_in_with_codes_from_an_encrypted_seed(client, reviewer):
    device = TOTPDevice.objects.get(user=reviewer)
    assert sign_in(client, reviewer.username, PASSWORD, current_code(device)).status_code == 302


def test_the_migration_encrypts_seeds_stored_in_clear_and_can_undo_it(reviewer):
    device = TOTPDevice.objects.get(user=reviewer)
    seed = device.key
    with connection.cursor() as cursor:
        cursor.execute('UPDATE otp_totp_totpdevice SET "key" = %s WHERE id = %s', [seed, device.pk])
    assert TOTPDevice.objects.get(pk=device.pk).key == seed  # read as it is until the migration runs
    migration = import_module("intake.migrations.0004_encrypt_totp_seeds")
    # What the migration needs of a schema editor (SQLite's own refuses to open inside a test's transaction).
    editor = SimpleNamespace(connection=connection, execute=lambda sql: connection.cursor().execute(sql))
    if connection.vendor == "postgresql":  # the test's deferred foreign-key checks would block ALTER TABLE
        connection.cursor().execute("SET CONSTRAINTS ALL IMMEDIATE")
    migration.encrypt_seeds(None, editor)
    assert decrypt_text(stored_seed(device)) == seed
    migration.decrypt_seeds(None, editor)
    assert stored_seed(device) == seed


def test_key_rotation_re_encrypts_the_seeds_with_the_newest_key(reviewer, settings):
    device = TOTPDevice.objects.get(user=reviewer)
    newest = Fernet.generate_key().decode()
    settings.FIELD_ENCRYPTION_KEYS = [newest, *settings.FIELD_ENCRYPTION_KEYS]
    call_command("rotate_encryption_keys", stdout=io.StringIO())
    assert Fernet(newest.encode()).decrypt(stored_seed(device).encode()).decode() == device.key
