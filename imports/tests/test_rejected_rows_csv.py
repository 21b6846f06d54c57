"""Rejected rows of an import download as CSV, for staff only."""

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from imports.models import ImportRun
from intake.roles import ADMIN
from intake.tests.conftest import signed_in_with_both_factors, staff_member

pytestmark = pytest.mark.django_db


@pytest.fixture
def run_with_rejections():
    return ImportRun.objects.create(
        source="x.xlsx", status="succeeded", rows_read=3, added=1, rejected=2,
        rejected_rows=[{"row": 2, "reason": "no city"}, {"row": 3, "reason": "no valid 5-digit ZIP code"}],
    )  # fmt: skip


def test_an_admin_signed_in_with_both_factors_downloads_the_rejected_rows(run_with_rejections):
    client = signed_in_with_both_factors(staff_member("operator", ADMIN))
    response = client.get(reverse("imports:rejected_csv", args=[run_with_rejections.pk]))
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    assert response.content.decode().splitlines() == ["row,reason", "2,no city", "3,no valid 5-digit ZIP code"]


@pytest.mark.parametrize("who", ["anonymous", "member of the public with an account", "staff without the code"])
def test_nobody_else_can(client, run_with_rejections, who):
    if who == "member of the public with an account":
        client.force_login(User.objects.create_user("visitor"))
    if who == "staff without the code":
        client.force_login(staff_member("password.only", ADMIN))
    response = client.get(reverse("imports:rejected_csv", args=[run_with_rejections.pk]))
    assert response.status_code == 302 and response["Location"].startswith(reverse("intake_staff:login"))


def test_a_staff_member_without_the_import_permission_is_refused(run_with_rejections):
    client = signed_in_with_both_factors(staff_member("no.role", None))
    assert client.get(reverse("imports:rejected_csv", args=[run_with_rejections.pk])).status_code == 403
