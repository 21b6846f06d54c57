"""Lockouts that an attacker cannot turn against staff.

django-axes counts failures per user name *and* address together
(AXES_LOCKOUT_PARAMETERS), so guessing someone's password from one place
locks that place out of that account only: the person signs in from their
own, and a shared address's failures lock no other account. Against guesses
spread over many addresses, a user name alone locks after a larger number of
failures in a longer window (AXES_USERNAME_FAILURE_LIMIT in
AXES_USERNAME_WINDOW_HOURS), counted since its last successful sign-in.
"""

import datetime
from typing import Any

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username
from axes.models import AccessFailureLog
from django.conf import settings
from django.contrib.auth import get_user_model
from django.http import HttpRequest
from django.utils import timezone


def username_failures(username: str) -> int:
    """Failed sign-ins for this user name from anywhere, in the window and since its last successful sign-in."""
    since = timezone.now() - datetime.timedelta(hours=settings.AXES_USERNAME_WINDOW_HOURS)
    last_login = get_user_model().objects.filter(username=username).values_list("last_login", flat=True).first()
    if last_login is not None:
        since = max(since, last_login)
    return AccessFailureLog.objects.filter(username=username, attempt_time__gt=since).count()


class StaffLockoutHandler(AxesDatabaseHandler):
    def is_locked(self, request: HttpRequest, credentials: dict[str, Any] | None = None) -> bool:
        return super().is_locked(request, credentials) or self.username_locked(request, credentials)

    def username_locked(self, request: HttpRequest, credentials: dict[str, Any] | None) -> bool:
        username = get_client_username(request, credentials)
        return bool(username) and username_failures(username) >= settings.AXES_USERNAME_FAILURE_LIMIT

    def user_login_failed(
        self, sender: Any, credentials: dict[str, Any], request: HttpRequest | None = None, **kwargs: Any
    ) -> None:
        super().user_login_failed(sender, credentials, request, **kwargs)
        # axes flags a request for its lockout page by the per-address count alone; flag the user name's lock too.
        if request is None or getattr(request, "axes_locked_out", False):
            return
        if self.username_locked(request, credentials):
            request.axes_locked_out = True  # type: ignore[attr-defined]
            request.axes_credentials = credentials  # type: ignore[attr-defined]
