"""Reviewers and admins review visitors' reports that a listing is wrong (the staff roles of intake/roles.py)."""

from typing import Any

from intake.roles import grant_to_staff_roles

REVIEW_PERMISSIONS = ["review_problemreport"]


def ensure_report_roles(**kwargs: Any) -> None:
    grant_to_staff_roles("reports", REVIEW_PERMISSIONS)
