"""Who works listing claims and program updates in the back office: the staff roles of intake/roles.py.

Reviewers and admins verify claims and review updates. The permissions are
added to those groups after every migrate, after intake has set their own
(intake sets its list exactly; this adds to it, as content/roles.py does).
"""

from typing import Any

from django.contrib.auth.models import Group, Permission

from intake.roles import ADMIN, REVIEWER

VERIFY_CLAIMS = "representatives.verify_listingclaim"
REVIEW_UPDATES = "representatives.review_programupdate"

LISTING_PERMISSIONS = ["view_listingclaim", "verify_listingclaim", "view_programupdate", "review_programupdate"]


def ensure_listing_roles(**kwargs: Any) -> None:
    permissions = Permission.objects.filter(content_type__app_label="representatives", codename__in=LISTING_PERMISSIONS)
    for name in (REVIEWER, ADMIN):
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(*permissions)
