"""Single-use sign-in links for program representatives, valid 15 minutes (django-sesame).

The link names the account (a random handle such as "program-3f9a2c1d04e7",
nothing personal) and carries a token. Opening it only shows a button: the
POST signs in, so a mail scanner that opens the link does not spend it. The
token is spent by signing in, since django-sesame's one-time tokens are bound
to the account's last sign-in, which `login` changes (SESAME_ONE_TIME); it
expires after SESAME_MAX_AGE. It travels in the query string, which neither
the request log (operations/request_log.py) nor nginx's log format keep, and
django-axes masks it in what it keeps of a failed POST
(AXES_SENSITIVE_PARAMETERS).

Sign-in goes through `authenticate`, so django-axes counts a failed link per
account name and address and locks out exactly as it does for staff
(intake/lockout.py).
"""

import logging
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, authenticate, login
from django.contrib.auth.backends import BaseBackend
from django.contrib.auth.models import User
from django.core.mail import send_mail
from django.db import transaction
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from sesame.backends import SesameBackendMixin
from sesame.utils import get_token

from intake.audit import audit_by_current_actor
from intake.choices import AuditAction
from representatives.models import Representative

logger = logging.getLogger(__name__)

SCOPE = "representatives:sign-in"
BACKEND = "representatives.sign_in.RepresentativeLinkBackend"
LINK_MINUTES = 15


class RepresentativeLinkBackend(SesameBackendMixin, BaseBackend):
    """Signs in representatives, and no one else, by a link token for the account the link names.

    Staff and superusers can never sign in this way, whatever token is forged
    or leaked; and a session made here ends if the account stops being a
    representative's (get_user is what every later request asks). It grants
    no permission (BaseBackend): a representative holds none.
    """

    def authenticate(  # type: ignore[override]
        self, request: HttpRequest | None, username: str | None = None, sesame: str | None = None
    ) -> User | None:
        if not username or not sesame:
            return None
        user = super().authenticate(request, sesame=sesame, scope=SCOPE)
        return user if user is not None and user.get_username() == username else None

    def get_user(self, user_id: Any) -> User | None:
        return (
            User.objects.filter(pk=user_id, is_active=True, is_staff=False, is_superuser=False)
            .filter(representative__isnull=False)
            .first()
        )


def sign_in_url(representative: Representative) -> str:
    query = urlencode({"account": representative.user.get_username(), "token": get_token(representative.user, SCOPE)})
    return f"{settings.SITE_URL}{reverse('representatives:sign_in_link')}?{query}"


def sign_in_link_send(*, representative: Representative, language: str) -> None:
    """E-mail a fresh link to the representative's work address, in their language."""
    with translation.override(language):
        context = {"url": sign_in_url(representative), "minutes": LINK_MINUTES}
        subject = render_to_string("representatives/email/sign_in_subject.txt", context).strip()
        body = render_to_string("representatives/email/sign_in_body.txt", context)
    try:
        send_mail(subject=subject, message=body, from_email=None, recipient_list=[representative.email])
    except OSError:
        # Nothing is lost: the representative asks for another link on the sign-in page.
        logger.exception("could not send a sign-in link to representative account %s", representative.user_id)
        return
    audit_by_current_actor(
        action=AuditAction.ACCOUNT, detail=f"sign-in link sent to representative {representative.user.get_username()}"
    )


@transaction.atomic
def sign_in_with_link(request: HttpRequest, *, account: str, token: str) -> User | None:
    """Sign in with a link's account and token; None when the link is wrong, spent, expired or locked out."""
    # Lock the account first, so that a second use of the same link waits here and then finds it spent.
    list(User.objects.select_for_update().filter(username=account).values_list("pk", flat=True))
    user = authenticate(request, username=account, sesame=token)
    if not isinstance(user, User):
        return None
    login(request, user)  # sets last_login, which spends this token and every other one sent before
    return user


def representative_of(request: HttpRequest) -> Representative | None:
    """The representative signed in to this request by link, or None (anyone else, staff included)."""
    user = request.user
    if not (user.is_authenticated and isinstance(user, User)) or user.is_staff or user.is_superuser:
        return None
    if request.session.get(BACKEND_SESSION_KEY) != BACKEND:
        return None
    return Representative.objects.filter(user=user).first()
