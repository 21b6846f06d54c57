"""Who may touch the guide: editors write, clinical reviewers also sign off; the site's admins do both."""

from typing import Any

from django.contrib.auth.models import Group, Permission

EDITOR = "guide editor"
CLINICAL_REVIEWER = "clinical reviewer"
SITE_ADMIN = "admin"  # the back office's admin role (intake.roles.ADMIN)

EDITOR_PERMISSIONS = ["view_article", "add_article", "change_article"]
REVIEWER_PERMISSIONS = ["view_article", "change_article", "review_article"]
ROLE_PERMISSIONS = {
    EDITOR: EDITOR_PERMISSIONS,
    CLINICAL_REVIEWER: REVIEWER_PERMISSIONS,
    SITE_ADMIN: sorted({*EDITOR_PERMISSIONS, *REVIEWER_PERMISSIONS}),
}


def ensure_guide_roles(**kwargs: Any) -> None:
    """Create or complete the groups after every migrate (and after test flushes)."""
    for name, codenames in ROLE_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(*Permission.objects.filter(content_type__app_label="content", codename__in=codenames))
