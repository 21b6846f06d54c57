"""The people of the listing tests: two programs' representatives, a reviewer, an admin; and real listings."""

from urllib.parse import parse_qs, urlsplit

import pytest
from django.contrib.auth.models import User
from django.core import mail
from django.db.models import Q
from django.test import Client

from directory.models import Facility
from intake.tests.conftest import (  # noqa: F401  (fixtures: the same reviewer and admin as the intake tests)
    _fast_password_hashing,
    admin_staff_client,
    admin_user,
    reviewer,
    reviewer_client,
    signed_in_with_both_factors,
    staff_member,
)
from representatives.models import ListingClaim, Representative
from representatives.services import listing_claim_create, listing_claim_verify
from representatives.sign_in import BACKEND


def listings_with_a_phone() -> list[Facility]:
    """Real published listings of the directory whose own main number is given."""
    return list(Facility.objects.filter(published=True).exclude(Q(phone="") | Q(phone__isnull=True)).order_by("pk")[:2])


@pytest.fixture
def facility(db) -> Facility:
    return listings_with_a_phone()[0]


@pytest.fixture
def other_facility(db) -> Facility:
    return listings_with_a_phone()[1]


def claim_for(facility: Facility, email: str = "dana@program.example", name: str = "Dana Director") -> ListingClaim:
    return listing_claim_create(
        facility=facility,
        full_name=name,
        role="Program director",
        email=email,
        callback_phone="(202) 555-0143",
        language="en",
    )


def verified_representative(facility: Facility, staff: User, email: str = "dana@program.example") -> Representative:
    return listing_claim_verify(
        claim=claim_for(facility, email=email), reviewer=staff, spoke_with="Sam at the front desk", ip_address=None
    )


def signed_in_representative(representative: Representative) -> Client:
    client = Client()
    client.force_login(representative.user, backend=BACKEND)
    return client


@pytest.fixture
def representative(facility, reviewer) -> Representative:  # noqa: F811  (the imported fixture)
    return verified_representative(facility, reviewer)


@pytest.fixture
def other_representative(other_facility, reviewer) -> Representative:  # noqa: F811  (the imported fixture)
    return verified_representative(other_facility, reviewer, email="olly@other.example")


@pytest.fixture
def representative_client(representative) -> Client:
    return signed_in_representative(representative)


@pytest.fixture
def other_representative_client(other_representative) -> Client:
    return signed_in_representative(other_representative)


def link_in(message: mail.EmailMessage) -> tuple[str, dict[str, str]]:
    """(path, {"account": ..., "token": ...}) of the sign-in link in an e-mail."""
    url = next(word for word in str(message.body).split() if "/programs/sign-in/link/" in word)
    parts = urlsplit(url)
    return parts.path, {name: values[0] for name, values in parse_qs(parts.query).items()}


def last_link() -> tuple[str, dict[str, str]]:
    return link_in(mail.outbox[-1])
