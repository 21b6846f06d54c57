"""Give a staff account a TOTP device and show its QR code in the terminal.

For the first admin, who cannot yet sign in to the admin (which asks for a code)
to enrol a device there. Later admins enrol staff in the admin's TOTP devices page.
"""

import io
from typing import Any

import segno
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django_otp.plugins.otp_totp.models import TOTPDevice


class Command(BaseCommand):
    help = "Enrol a TOTP authenticator for a staff account and print its QR code."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument("--replace", action="store_true", help="Remove the account's existing TOTP devices first.")

    def handle(self, *args: Any, username: str, replace: bool, **options: Any) -> None:
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"no account {username!r}")
        if not user.is_staff:
            raise CommandError(f"{username!r} is not a staff account")
        if replace:
            TOTPDevice.objects.filter(user=user).delete()
        elif TOTPDevice.objects.filter(user=user, confirmed=True).exists():
            raise CommandError(f"{username!r} already has a device; use --replace to change it")
        device = TOTPDevice.objects.create(user=user, name="authenticator", confirmed=True)
        picture = io.StringIO()
        segno.make(device.config_url, error="m").terminal(out=picture, compact=True)
        self.stdout.write(picture.getvalue())
        self.stdout.write("Scan this QR code with an authenticator app, or enter this URL in it:")
        self.stdout.write(device.config_url)
