"""The people of the back-office tests, and a coverage request to work on."""

import datetime

import pytest
from django.contrib.auth.models import Group, User
from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from directory.models import Facility
from intake.models import CoverageRequest
from intake.roles import ADMIN, REVIEWER
from intake.services import coverage_request_create

PASSWORD = "correct horse battery staple"


def staff_member(username: str, role: str | None) -> User:
    user = User.objects.create_user(username=username, password=PASSWORD, is_staff=True)
    if role:
        user.groups.add(Group.objects.get(name=role))
    TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    return user


def signed_in_with_both_factors(user: User) -> Client:
    client = Client()
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = TOTPDevice.objects.get(user=user).persistent_id
    session.save()
    return client


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def reviewer(db) -> User:
    return staff_member("rita.reviewer", REVIEWER)


@pytest.fixture
def admin_user(db) -> User:
    return staff_member("adam.admin", ADMIN)


@pytest.fixture
def reviewer_client(reviewer) -> Client:
    return signed_in_with_both_factors(reviewer)


@pytest.fixture
def admin_staff_client(admin_user) -> Client:
    return signed_in_with_both_factors(admin_user)


@pytest.fixture
def facility(db) -> Facility:
    return Facility.objects.filter(published=True).order_by("pk")[0]


@pytest.fixture
def coverage_request(facility) -> CoverageRequest:
    return coverage_request_create(
        full_name="Jordan Example",
        date_of_birth=datetime.date(1980, 5, 17),
        phone="+12025550143",
        email="",
        contact_time="morning",
        state="NY",
        carrier="aetna",
        member_id="W123456789",
        facility=facility,
        contact_consent=True,
        share_consent=True,
    )


@pytest.fixture
def form_data() -> dict[str, str]:
    """A complete, valid submission of the public form."""
    return {
        "full_name": "Jordan Example",
        "date_of_birth": "1980-05-17",
        "phone": "202-555-0143",
        "email": "jordan@example.com",
        "contact_time": "morning",
        "state": "NY",
        "carrier": "aetna",
        "member_id": "W123456789",
        "group_number": "",
        "message": "",
        "contact_consent": "on",
        "website": "",
    }
