"""Staff accounts as the back office manages them: create, change, and set up sign-in.

Only what a role may change: name, e-mail, a role ranked below the editor's
own, active. Never superuser status, permissions, or an account ranked as high
as the editor's (intake/roles.py). Each change is audited by the signal
handlers in intake/account_audit.py.
"""

import secrets
from dataclasses import dataclass

from django.contrib.auth.models import Group, User
from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice

from intake.roles import ROLE_RANK, may_manage, roles_assignable_by


class NotAllowed(Exception):
    """The editor's rank does not allow this change."""


def _set_role(account: User, role: str) -> None:
    managed = Group.objects.filter(name__in=[name for name in ROLE_RANK if name])
    account.groups.remove(*managed.exclude(name=role))
    if role:
        account.groups.add(Group.objects.get(name=role))


def _check_role(editor: User, role: str) -> None:
    if role not in roles_assignable_by(editor):
        raise NotAllowed


@transaction.atomic
def staff_account_create(
    *, editor: User, username: str, first_name: str, last_name: str, email: str, role: str
) -> User:
    _check_role(editor, role)
    # No password yet: it is set, with the authenticator, by staff_account_reset_sign_in.
    account = User.objects.create_user(
        username=username, email=email, first_name=first_name, last_name=last_name, is_staff=True
    )
    _set_role(account, role)
    return account


@transaction.atomic
def staff_account_update(
    *, editor: User, account: User, first_name: str, last_name: str, email: str, role: str, is_active: bool
) -> User:
    if not may_manage(editor, account):
        raise NotAllowed
    _check_role(editor, role)
    account.first_name, account.last_name, account.email, account.is_active = first_name, last_name, email, is_active
    account.full_clean()
    account.save(update_fields=["first_name", "last_name", "email", "is_active"])
    _set_role(account, role)
    return account


@dataclass(frozen=True)
class SignInSetup:
    password: str
    device: TOTPDevice


@transaction.atomic
def staff_account_reset_sign_in(*, editor: User, account: User) -> SignInSetup:
    """A new random password and a new authenticator, replacing the old ones; shown once to the editor."""
    if not may_manage(editor, account):
        raise NotAllowed
    password = secrets.token_urlsafe(15)
    account.set_password(password)
    account.save(update_fields=["password"])
    TOTPDevice.objects.filter(user=account).delete()
    device = TOTPDevice.objects.create(user=account, name="authenticator", confirmed=True)
    return SignInSetup(password=password, device=device)
