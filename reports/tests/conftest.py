"""The people of the report tests (an anonymous visitor, a reviewer, an admin) and a real listing to report."""

import pytest
from django.test import Client

from directory.facility_facts import offered_codes
from directory.models import Facility
from intake.tests.conftest import (  # noqa: F401  (fixtures)
    _fast_password_hashing,
    admin_staff_client,
    admin_user,
    reviewer,
    reviewer_client,
)
from reports.models import Kind, ProblemReport
from reports.services import problem_report_create


@pytest.fixture
def facility(db) -> Facility:
    """A published listing of the real directory with a main phone and IOP among its services."""
    for listing in Facility.objects.filter(published=True).exclude(phone="").exclude(street1="").order_by("pk")[:200]:
        if "OIT" in offered_codes(listing):
            return listing
    raise AssertionError("the 2023 directory has IOP listings with a phone")


def post_report(client: Client, facility: Facility, address: str = "203.0.113.7", **data: str):
    fields = {"kind": Kind.PHONE, "correct_value": "", "email": "", "website": "", **data}
    return client.post(f"/facility/{facility.public_id}/report/", fields, REMOTE_ADDR=address)


@pytest.fixture
def make_report(facility):
    def make(
        kind: str = Kind.PHONE, *, value: str = "", email: str = "", address: str = "203.0.113.7"
    ) -> ProblemReport:
        return problem_report_create(
            facility=facility, kind=kind, correct_value=value, email=email, client_address=address, language="en"
        )

    return make
