"""Writes to program updates: a representative submits, staff accept or reject.

A listing's first update waits for review; once staff have accepted one,
later updates show at once (through programs.services.program_facts_update,
stamped as said by the program on the day it was sent) and stay in the staff
queue. Each update keeps the values and stamps it replaced, so rejecting a
shown update puts back what was there before; a field changed again since by
a later update keeps that later value.
"""

from datetime import datetime
from typing import Any

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone

from directory.models import Facility
from intake.audit import audit_record
from intake.choices import AuditAction
from programs.models import FACT_GROUPS, GROUP_OF_FIELD, StampKind
from programs.services import program_facts_unsay, program_facts_update
from representatives.models import ProgramUpdate, Representative, UpdateStatus
from representatives.selectors import facts_now, listing_trusted


class UpdateAlreadyReviewed(Exception):
    """Another reviewer decided this update first."""


def _stamp_of(update: ProgramUpdate) -> dict[str, str]:
    return {"kind": StampKind.PROGRAM, "at": update.submitted_at.isoformat()}


def _fields_changed_later(update: ProgramUpdate) -> set[str]:
    later = ProgramUpdate.objects.filter(
        facility=update.facility,
        status__in=[UpdateStatus.SHOWN, UpdateStatus.ACCEPTED],
        submitted_at__gt=update.submitted_at,
    )
    return {field for changes in later.values_list("changes", flat=True) for field in changes}


def _show(update: ProgramUpdate) -> None:
    """Publish the update's values, keeping those they replace; a field a later shown update set keeps its value."""
    changes = {field: value for field, value in update.changes.items() if field not in _fields_changed_later(update)}
    if not changes:
        return
    values, stamps = facts_now(update.facility)
    update.previous = {field: values[field] for field in changes}
    update.previous_stamps = {group: stamps.get(group) for group in {GROUP_OF_FIELD[field] for field in changes}}
    program_facts_update(facility=update.facility, changes=changes, kind=StampKind.PROGRAM, at=update.submitted_at)
    update.shown_at = timezone.now()


def _audit(update: ProgramUpdate, actor: User, ip_address: str | None, what: str, *, action: str) -> None:
    fields = ", ".join(sorted(update.changes))
    audit_record(
        actor=actor,
        action=action,
        request_public_id=update.public_id,
        ip_address=ip_address,
        detail=f"program update of {update.facility.public_id} {what}: {fields}",
    )


@transaction.atomic
def program_update_submit(
    *, representative: Representative, facility: Facility, changes: dict[str, Any], ip_address: str | None
) -> ProgramUpdate:
    unknown = set(changes) - set(GROUP_OF_FIELD)
    if unknown or not changes:
        raise ValueError(f"not facts a program can set: {sorted(unknown)}")
    # One submission at a time per listing, so "is this the first?" has one answer.
    Facility.objects.select_for_update().filter(pk=facility.pk).first()
    trusted = listing_trusted(facility)
    update = ProgramUpdate(
        facility=facility,
        representative=representative,
        changes=changes,
        submitted_at=timezone.now(),
        status=UpdateStatus.SHOWN if trusted else UpdateStatus.WAITING,
    )
    if trusted:
        _show(update)
    update.full_clean()
    update.save()
    _audit(
        update,
        representative.user,
        ip_address,
        "shown at once" if trusted else "waiting for review",
        action=AuditAction.LISTING,
    )
    return update


@transaction.atomic
def _review(*, update: ProgramUpdate, reviewer: User, ip_address: str | None, accept: bool) -> ProgramUpdate:
    update = ProgramUpdate.objects.select_for_update().select_related("facility").get(pk=update.pk)
    if not update.to_review:
        raise UpdateAlreadyReviewed
    if accept and update.status == UpdateStatus.WAITING:
        _show(update)
    elif not accept and update.status == UpdateStatus.SHOWN:
        _restore(update)
    update.status = UpdateStatus.ACCEPTED if accept else UpdateStatus.REJECTED
    update.reviewed_by = reviewer
    update.reviewed_at = timezone.now()
    update.save()
    _audit(update, reviewer, ip_address, "accepted" if accept else "rejected", action=AuditAction.REVIEW)
    return update


def program_update_accept(*, update: ProgramUpdate, reviewer: User, ip_address: str | None) -> ProgramUpdate:
    """Accept: a waiting update shows now; a shown one stays. Later updates of the listing show at once."""
    return _review(update=update, reviewer=reviewer, ip_address=ip_address, accept=True)


def program_update_reject(*, update: ProgramUpdate, reviewer: User, ip_address: str | None) -> ProgramUpdate:
    """Reject: a waiting update never shows; a shown one is taken back (see _restore)."""
    return _review(update=update, reviewer=reviewer, ip_address=ip_address, accept=False)


def _restore(update: ProgramUpdate) -> None:
    """Put back what a shown update replaced, group by group with the stamp it had then.

    A field that a later update changed keeps its newer value, and a group whose
    stamp is no longer this update's keeps its stamp.
    """
    values, stamps = facts_now(update.facility)
    for group, fields in FACT_GROUPS.items():
        restorable = {
            field: update.previous[field]
            for field in fields
            if field in update.previous and values[field] == update.changes.get(field)
        }
        if not restorable:
            continue
        current = stamps.get(group)
        stamp = update.previous_stamps.get(group) if current == _stamp_of(update) else current
        if stamp:
            program_facts_update(facility=update.facility, changes=restorable, kind=stamp["kind"], at=_when(stamp))
        else:
            program_facts_unsay(facility=update.facility, changes=restorable)


def _when(stamp: dict[str, str]) -> datetime:
    return datetime.fromisoformat(stamp["at"])
