"""One production stack for the whole session's stack tests (starting one takes seconds of both CPUs)."""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import ExitStack

import pytest
from django_otp.oath import TOTP

from operations.tests.stack import Stack, manage, production_stack

STAFF_PASSWORD = "a long staff password for the stack"
TOTP_KEY = "3132333435363738393031323334353637383930"
MAKE_STAFF = f"""
from django.contrib.auth.models import Group, User
from django_otp.plugins.otp_totp.models import TOTPDevice
from intake.roles import REVIEWER
for username in ("stack.reviewer", "stack.locked"):
    user = User.objects.create_user(username=username, password={STAFF_PASSWORD!r}, is_staff=True)
    user.groups.add(Group.objects.get(name=REVIEWER))
    TOTPDevice.objects.create(user=user, name="phone", confirmed=True, key={TOTP_KEY!r})
"""


def current_code() -> str:
    totp = TOTP(bytes.fromhex(TOTP_KEY), 30, 0, 6, 0)
    totp.time = time.time()
    return f"{totp.token():06d}"


@pytest.fixture(scope="session")
def stack(django_db_setup, django_db_blocker) -> Iterator[Stack]:
    with ExitStack() as cleanup:
        with django_db_blocker.unblock():
            running = cleanup.enter_context(
                production_stack(
                    COVERAGE_RATE_LIMIT_PER_IP="5",
                    COVERAGE_RATE_LIMIT_PER_PHONE="3",
                    COVERAGE_RATE_LIMIT_WINDOW_SECONDS="86400",
                )
            )
        manage(running.env, "shell", "-c", MAKE_STAFF)
        yield running
