"""The people of the guide's back-office tests."""

import pytest
from django.contrib.auth.models import Group, User
from django.test import Client

from content.roles import CLINICAL_REVIEWER, EDITOR
from intake.tests.conftest import signed_in_with_both_factors, staff_member


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def editor(db) -> User:
    return staff_member("erin.editor", EDITOR)


@pytest.fixture
def clinical_reviewer(db) -> User:
    return staff_member("cora.clinician", CLINICAL_REVIEWER)


@pytest.fixture
def editor_client(editor) -> Client:
    return signed_in_with_both_factors(editor)


@pytest.fixture
def clinical_reviewer_client(clinical_reviewer) -> Client:
    return signed_in_with_both_factors(clinical_reviewer)


@pytest.fixture
def roles_exist(db) -> None:
    assert Group.objects.filter(name__in=[EDITOR, CLINICAL_REVIEWER]).count() == 2
