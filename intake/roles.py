"""The two staff roles as Django groups: reviewers work requests; admins also export, erase and manage staff."""

from typing import Any

from django.contrib.auth.models import Group, Permission

REVIEWER = "reviewer"
ADMIN = "admin"

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
    ("auth", "view_user"),
    ("auth", "add_user"),
    ("auth", "change_user"),
    ("auth", "view_group"),
    ("otp_totp", "view_totpdevice"),
    ("otp_totp", "add_totpdevice"),
    ("otp_totp", "change_totpdevice"),
    ("otp_totp", "delete_totpdevice"),
]


def ensure_staff_roles(**kwargs: Any) -> None:
    """Create or complete the groups after every migrate (and after test flushes)."""
    for name, wanted in ((REVIEWER, REVIEWER_PERMISSIONS), (ADMIN, ADMIN_PERMISSIONS)):
        group, _ = Group.objects.get_or_create(name=name)
        for app_label, codename in wanted:
            permission = Permission.objects.filter(content_type__app_label=app_label, codename=codename).first()
            if permission is not None:
                group.permissions.add(permission)
