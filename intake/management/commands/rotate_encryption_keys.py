"""Re-encrypt every encrypted value with the newest key in FIELD_ENCRYPTION_KEYS.

After it finishes, the older keys may be removed from the environment.
"""

from typing import Any

from django.core.management.base import BaseCommand
from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice

from intake.models import CoverageRequest, StaffNote
from reports.models import ProblemReport

REQUEST_FIELDS = ["full_name", "date_of_birth", "phone", "email", "member_id", "group_number", "message"]


class Command(BaseCommand):
    help = "Re-encrypt coverage requests, notes, report e-mails and TOTP seeds with the newest key."

    def handle(self, *args: Any, **options: Any) -> None:
        # Reading decrypts with any key; saving encrypts with the newest.
        with transaction.atomic():
            requests = 0
            for request in CoverageRequest.objects.select_for_update().iterator(chunk_size=500):
                request.save(update_fields=REQUEST_FIELDS)
                requests += 1
            notes = 0
            for note in StaffNote.objects.select_for_update().iterator(chunk_size=500):
                note.save(update_fields=["text"])
                notes += 1
            # Reporters' e-mail addresses (reports app), kept only until the reply is sent.
            reports = 0
            for report in ProblemReport.objects.exclude(email="").select_for_update().iterator(chunk_size=500):
                report.save(update_fields=["email"])
                reports += 1
            devices = 0
            for device in TOTPDevice.objects.select_for_update().iterator(chunk_size=500):
                device.save(update_fields=["key"])
                devices += 1
        self.stdout.write(
            f"Re-encrypted {requests} request(s), {notes} note(s), {reports} problem report e-mail(s) "
            f"and {devices} TOTP seed(s) with the newest key."
        )
