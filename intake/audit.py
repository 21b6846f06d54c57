"""Writing the audit log. Every read of personal data and every change goes through `audit_record`.

Changes to staff accounts (roles, passwords, devices) are recorded by signal
handlers (intake/account_audit.py) whichever way they are made: the accounts
page, the Django admin, a command. They learn who made the change from the
request that `AuditActorMiddleware` keeps for the duration of each request.
"""

import uuid
from collections.abc import Callable
from contextvars import ContextVar

from django.contrib.auth.models import AnonymousUser, User
from django.http import HttpRequest, HttpResponse

from intake.models import AuditEntry
from iopfinder.ratelimit import client_address

_current_request: ContextVar[HttpRequest | None] = ContextVar("audit_current_request", default=None)


class AuditActorMiddleware:
    """Remembers the request being served, so that signal handlers can name who changed an account."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        token = _current_request.set(request)
        try:
            return self.get_response(request)
        finally:
            _current_request.reset(token)


def client_ip(request: HttpRequest | None) -> str | None:
    return (client_address(request) or None) if request is not None else None


def audit_record(
    *,
    actor: User | AnonymousUser | None,
    action: str,
    request_public_id: uuid.UUID | None = None,
    ip_address: str | None = None,
    detail: str = "",
) -> AuditEntry:
    user = actor if isinstance(actor, User) else None
    entry = AuditEntry(
        actor=user,
        actor_username=user.get_username() if user else "system",
        action=action,
        request_public_id=request_public_id,
        ip_address=ip_address,
        detail=detail[:200],
    )
    entry.full_clean()
    entry.save()
    return entry


def audit_by_current_actor(*, action: str, detail: str) -> AuditEntry:
    """An entry by whoever is signed in to the request being served, or by the system (a command, the shell)."""
    request = _current_request.get()
    actor = getattr(request, "user", None) if request is not None else None
    return audit_record(actor=actor, action=action, ip_address=client_ip(request), detail=detail)
