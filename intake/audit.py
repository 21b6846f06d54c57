"""Writing the audit log. Every read of personal data and every change goes through `audit_record`."""

import uuid

from django.contrib.auth.models import AnonymousUser, User
from django.http import HttpRequest

from intake.models import AuditEntry
from iopfinder.ratelimit import client_address


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
