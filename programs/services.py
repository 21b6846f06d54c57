"""Writes to what a program says of itself."""

from datetime import datetime
from typing import Any

from django.db import transaction

from directory.models import Facility
from programs.models import GROUP_OF_FIELD, ProgramFacts


class UnknownProgramFact(ValueError):
    pass


@transaction.atomic
def program_facts_update(*, facility: Facility, changes: dict[str, Any], kind: str, at: datetime) -> ProgramFacts:
    """Set the given facts and stamp each group they touch with who said it and when.

    A group is stamped even when its values did not change: the program has
    confirmed them, which is what the date on the page means.
    """
    return _write(facility, changes, stamp={"kind": kind, "at": at.isoformat()})


@transaction.atomic
def program_facts_unsay(*, facility: Facility, changes: dict[str, Any]) -> ProgramFacts:
    """Put facts back to "the program has not said": the values given, and no date for their groups
    (a rejected update that had set a group nobody had stated before)."""
    return _write(facility, changes, stamp=None)


def _write(facility: Facility, changes: dict[str, Any], *, stamp: dict[str, str] | None) -> ProgramFacts:
    unknown = set(changes) - set(GROUP_OF_FIELD)
    if unknown:
        raise UnknownProgramFact(", ".join(sorted(unknown)))
    facts, _created = ProgramFacts.objects.select_for_update().get_or_create(facility=facility)
    for field, value in changes.items():
        setattr(facts, field, value)
    for group in {GROUP_OF_FIELD[field] for field in changes}:
        if stamp is None:
            facts.stamps.pop(group, None)
        else:
            facts.stamps[group] = stamp
    facts.full_clean()
    facts.save()
    return facts
