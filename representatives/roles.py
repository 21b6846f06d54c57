"""Who works listing claims and program updates in the back office: the staff roles of intake/roles.py.

Reviewers and admins verify claims and review updates. The permissions are
added to those groups after every migrate, after intake has set their own
(intake sets its list exactly; this adds to it, as content/roles.py does).
"""

from typing import Any

from intake.roles import grant_to_staff_roles

VERIFY_CLAIMS = "representatives.verify_listingclaim"
REVIEW_UPDATES = "representatives.review_programupdate"

LISTING_PERMISSIONS = ["view_listingclaim", "verify_listingclaim", "view_programupdate", "review_programupdate"]


def ensure_listing_roles(**kwargs: Any) -> None:
    grant_to_staff_roles("representatives", LISTING_PERMISSIONS)
