"""Rejected rows of an import download as CSV, for staff only."""

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from imports.models import ImportRun

pytestmark = pytest.mark.django_db


@pytest.fixture
def run_with_rejections():
    return ImportRun.objects.create(
        source="x.xlsx", status="succeeded", rows_read=3, added=1, rejected=2,
        rejected_rows=[{"row": 2, "reason": "no city"}, {"row": 3, "reason": "no valid 5-digit ZIP code"}],
    )  # fmt: skip


def test_staff_download_the_rejected_rows(client, run_with_rejections):
    client.force_login(User.objects.create_user("operator", is_staff=True))
    response = client.get(reverse("imports:rejected_csv", args=[run_with_rejections.pk]))
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    assert response.content.decode().splitlines() == ["row,reason", "2,no city", "3,no valid 5-digit ZIP code"]


@pytest.mark.parametrize("who", ["anonymous", "member of the public with an account"])
def test_nobody_else_can(client, run_with_rejections, who):
    if who != "anonymous":
        client.force_login(User.objects.create_user("visitor"))
    response = client.get(reverse("imports:rejected_csv", args=[run_with_rejections.pk]))
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
