"""The staff roles as Django groups, ranked: reviewers work requests; admins also export, erase and manage reviewers.

No role holds Django's own user or device permissions: accounts are managed on
the back office's accounts page, which offers only what the editor's rank
allows, and only superusers (made with `createsuperuser`) make admins or
change superusers.
"""

from typing import Any

from django.contrib.auth.models import Group, Permission, User
from django.contrib.contenttypes.models import ContentType

REVIEWER = "reviewer"
ADMIN = "admin"
# Rank of each role; a superuser ranks above them all. An editor manages only
# accounts ranked below their own, and gives only roles ranked below it.
ROLE_RANK = {"": 0, REVIEWER: 1, ADMIN: 2}
SUPERUSER_RANK = 3

MANAGE_STAFF = ("auth", "manage_staff")
MANAGE_STAFF_PERMISSION = "auth.manage_staff"

REVIEWER_PERMISSIONS = [
    ("intake", "view_coveragerequest"),
    ("intake", "change_coveragerequest"),
]
ADMIN_PERMISSIONS = [
    *REVIEWER_PERMISSIONS,
    ("intake", "export_coveragerequest"),
    ("intake", "erase_coveragerequest"),
    ("intake", "view_auditentry"),
    ("intake", "view_erasedrequesttally"),
    ("intake", "view_audittally"),
    ("imports", "view_importrun"),
    ("operations", "view_jobrun"),
    MANAGE_STAFF,
]


def _manage_staff_permission() -> Permission:
    content_type = ContentType.objects.get_for_model(User)
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type, codename=MANAGE_STAFF[1], defaults={"name": "Can manage staff accounts ranked below"}
    )
    return permission


def ensure_staff_roles(**kwargs: Any) -> None:
    """Create the groups after every migrate (and after test flushes) with exactly their permissions."""
    _manage_staff_permission()
    for name, wanted in ((REVIEWER, REVIEWER_PERMISSIONS), (ADMIN, ADMIN_PERMISSIONS)):
        group, _ = Group.objects.get_or_create(name=name)
        permissions = [
            permission
            for app_label, codename in wanted
            if (permission := Permission.objects.filter(content_type__app_label=app_label, codename=codename).first())
        ]
        # set(), not add(): a permission an older release gave a role (auth.change_user) is taken away.
        group.permissions.set(permissions)


def grant_to_staff_roles(app_label: str, codenames: list[str]) -> None:
    """Add an app's permissions to the reviewer and admin roles.

    For apps listed after intake: their permissions do not exist yet when intake
    sets its roles, so each adds its own after migrate. Adding, never set(), so
    no app takes away what another gave (content/roles.py does the same).
    """
    permissions = Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames)
    for name in (REVIEWER, ADMIN):
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(*permissions)


def role_of(user: User) -> str:
    names = set(user.groups.values_list("name", flat=True))
    return max((role for role in ROLE_RANK if role in names), key=ROLE_RANK.__getitem__, default="")


def rank_of(user: User) -> int:
    return SUPERUSER_RANK if user.is_superuser else ROLE_RANK[role_of(user)]


def roles_assignable_by(editor: User) -> list[str]:
    return [role for role, rank in ROLE_RANK.items() if rank < rank_of(editor)]


def may_manage(editor: User, account: User) -> bool:
    """Nobody manages their own account or one ranked as high as theirs: no role can raise itself."""
    return editor.pk != account.pk and rank_of(account) < rank_of(editor)
