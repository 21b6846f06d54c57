"""Staff accounts: no role raises itself or anyone to its rank; each change of role, password or device is audited."""

import pytest
from django.contrib.auth.models import Permission, User
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from intake.choices import AuditAction
from intake.models import AuditEntry
from intake.roles import ADMIN, REVIEWER, role_of
from intake.tests.conftest import PASSWORD, signed_in_with_both_factors, staff_member
from intake.tests.test_staff_auth import current_code, sign_in

pytestmark = pytest.mark.django_db

ACCOUNTS = reverse("intake_staff:accounts")
NEW = reverse("intake_staff:account_new")


def account_url(user: User) -> str:
    return reverse("intake_staff:account", args=[user.pk])


def edit(client, user: User, **changes: object):
    data = {"first_name": "", "last_name": "", "email": "", "role": role_of(user), "is_active": "on", **changes}
    return client.post(account_url(user), {key: value for key, value in data.items() if value is not None})


def account_entries() -> list[str]:
    return list(
        AuditEntry.objects.filter(detail__startswith="account ").order_by("pk").values_list("detail", flat=True)
    )


def test_no_role_holds_djangos_own_user_or_device_permissions(admin_user, reviewer):
    for user in (admin_user, reviewer):
        user = User.objects.get(pk=user.pk)  # a fresh permission cache
        granted = user.get_all_permissions()
        assert not {p for p in granted if p.startswith(("auth.", "otp_totp.")) and p != "auth.manage_staff"}


def test_an_admin_cannot_make_itself_a_superuser_in_the_django_admin(admin_user, admin_staff_client):
    change = f"/admin/auth/user/{admin_user.pk}/change/"
    assert admin_staff_client.get(change).status_code == 403
    admin_staff_client.post(change, {"username": admin_user.username, "is_superuser": "on", "is_staff": "on"})
    assert admin_staff_client.get(f"/admin/auth/user/{admin_user.pk}/password/").status_code == 403
    admin_user.refresh_from_db()
    assert not admin_user.is_superuser


def test_even_with_djangos_user_permission_granted_a_non_superuser_cannot_touch_superusers_or_flags(admin_user):
    admin_user.user_permissions.add(*Permission.objects.filter(codename__in=["view_user", "change_user"]))
    client = signed_in_with_both_factors(admin_user)
    boss = User.objects.create_superuser("boss", password=PASSWORD)
    for account in (boss, admin_user):
        form = {"username": account.username, "is_superuser": "on", "is_staff": "on", "is_active": ""}
        assert client.post(f"/admin/auth/user/{account.pk}/change/", form).status_code == 403
        assert client.get(f"/admin/auth/user/{account.pk}/password/").status_code == 403
    boss.refresh_from_db()
    admin_user.refresh_from_db()
    assert boss.is_active and not admin_user.is_superuser
    target = staff_member("someone", REVIEWER)
    page = client.get(f"/admin/auth/user/{target.pk}/change/")
    assert (
        page.status_code == 200 and b'name="is_superuser"' not in page.content and b'name="groups"' not in page.content
    )


def test_the_accounts_page_offers_an_admin_only_the_roles_below_its_own(admin_staff_client):
    page = admin_staff_client.get(NEW).content.decode()
    assert 'value="reviewer"' in page and 'value="admin"' not in page
    response = admin_staff_client.post(NEW, {"username": "new.admin", "role": ADMIN})
    assert response.status_code == 400 and not User.objects.filter(username="new.admin").exists()


def test_an_admin_cannot_change_itself_another_admin_or_a_superuser(admin_user, admin_staff_client):
    other_admin = staff_member("other.admin", ADMIN)
    boss = User.objects.create_superuser("boss", password=PASSWORD)
    for account in (admin_user, other_admin, boss):
        assert admin_staff_client.get(account_url(account)).status_code == 404
        assert edit(admin_staff_client, account, is_active=None).status_code == 404
        sign_in_reset = reverse("intake_staff:account_sign_in", args=[account.pk])
        assert admin_staff_client.post(sign_in_reset).status_code == 404
    other_admin.refresh_from_db()
    assert other_admin.is_active and role_of(other_admin) == ADMIN


def test_a_reviewer_cannot_reach_the_accounts_page(reviewer_client, reviewer):
    assert reviewer_client.get(ACCOUNTS).status_code == 403
    assert edit(reviewer_client, reviewer, role=ADMIN).status_code == 403
    assert role_of(User.objects.get(pk=reviewer.pk)) == REVIEWER


def test_an_admin_creates_a_reviewer_and_sets_up_its_sign_in_all_audited(admin_user, admin_staff_client, client):
    response = admin_staff_client.post(NEW, {"username": "new.reviewer", "email": "r@example.org", "role": REVIEWER})
    account = User.objects.get(username="new.reviewer")
    assert response.status_code == 302 and account.is_staff and not account.is_superuser
    assert role_of(account) == REVIEWER and not account.has_usable_password()
    page = admin_staff_client.post(reverse("intake_staff:account_sign_in", args=[account.pk]))
    assert page.status_code == 200 and "no-store" in page["Cache-Control"]
    password = page.context["password"]
    device = TOTPDevice.objects.get(user=account)
    assert sign_in(client, "new.reviewer", password, current_code(device)).status_code == 302
    entries = AuditEntry.objects.filter(detail__startswith="account new.reviewer")
    assert {entry.action for entry in entries} >= {AuditAction.ACCOUNT, AuditAction.ROLE}
    assert {AuditAction.PASSWORD_CHANGED, AuditAction.DEVICE} <= {entry.action for entry in entries}
    assert {entry.actor_username for entry in entries} == {admin_user.username}


def test_an_admin_changes_a_reviewers_role_and_standing_and_each_change_is_audited(admin_staff_client, reviewer):
    assert edit(admin_staff_client, reviewer, role="", is_active=None, email="rita@example.org").status_code == 302
    reviewer.refresh_from_db()
    assert role_of(reviewer) == "" and not reviewer.is_active and reviewer.email == "rita@example.org"
    details = account_entries()
    assert any("-reviewer" in detail for detail in details)
    assert any("is_active True -> False" in detail for detail in details)


def test_a_superuser_may_make_an_admin_but_the_page_never_offers_superuser(db):
    boss = User.objects.create_superuser("boss", password=PASSWORD)
    TOTPDevice.objects.create(user=boss, name="phone", confirmed=True)
    client = signed_in_with_both_factors(boss)
    page = client.get(NEW).content
    assert b"is_superuser" not in page and b'value="admin"' in page
    assert client.post(NEW, {"username": "second.admin", "role": ADMIN}).status_code == 302
    assert role_of(User.objects.get(username="second.admin")) == ADMIN


def test_a_superuser_change_in_the_django_admin_is_audited_with_its_author(reviewer):
    boss = User.objects.create_superuser("boss", password=PASSWORD)
    TOTPDevice.objects.create(user=boss, name="phone", confirmed=True)
    client = signed_in_with_both_factors(boss)
    client.post(
        f"/admin/auth/user/{reviewer.pk}/password/",
        {"password1": "a new long pass phrase", "password2": "a new long pass phrase"},
    )
    entry = AuditEntry.objects.filter(action=AuditAction.PASSWORD_CHANGED).get()
    assert entry.actor == boss and entry.detail == f"account {reviewer.username}: password changed"


def test_enrolling_a_device_from_the_command_line_is_audited_as_the_system(reviewer):
    from django.core.management import call_command

    call_command("enrol_totp", reviewer.username, "--replace", stdout=open("/dev/null", "w"))  # noqa: SIM115
    details = list(AuditEntry.objects.filter(action=AuditAction.DEVICE).values_list("actor_username", "detail"))
    assert ("system", f"account {reviewer.username}: device 'phone' removed") in details
    assert ("system", f"account {reviewer.username}: device 'authenticator' added") in details
