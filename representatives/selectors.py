"""Reads for claims, representatives' listings and program updates."""

from typing import Any

from django.db.models import QuerySet

from directory.models import Facility
from directory.phones import HOTLINE, Phone, parse_phone
from programs.models import GROUP_OF_FIELD, ProgramFacts
from representatives.models import ClaimStatus, ListingClaim, ProgramUpdate, Representative, UpdateStatus

FACT_FIELDS = tuple(GROUP_OF_FIELD)


def listing_phones(facility: Facility) -> list[Phone]:
    """The listing's own lines as the directory gives them (main, then intake), never a number a requester typed.

    A hotline is left out: it is often a national or county line, not the program's own desk.
    """
    return [parse_phone(raw) for kind, raw in facility.phone_numbers() if kind != HOTLINE]


def listing_own_phone(facility: Facility) -> str:
    phones = listing_phones(facility)
    return phones[0].raw if phones else ""


def claims_waiting() -> QuerySet[ListingClaim]:
    return ListingClaim.objects.filter(status=ClaimStatus.WAITING).select_related("facility").order_by("created_at")


def claims_decided() -> QuerySet[ListingClaim]:
    return ListingClaim.objects.exclude(status=ClaimStatus.WAITING).select_related("facility", "decided_by")


def listings_of(representative: Representative) -> QuerySet[Facility]:
    """The published listings staff verified this representative for, and nothing else."""
    return (
        Facility.objects.filter(
            published=True, listing_claims__representative=representative, listing_claims__status=ClaimStatus.VERIFIED
        )
        .distinct()
        .order_by("name", "public_id")
    )


def listing_of(representative: Representative, public_id: str) -> Facility | None:
    if not public_id or len(public_id) > 16:
        return None
    return listings_of(representative).filter(public_id=public_id).first()


def facts_now(facility: Facility) -> tuple[dict[str, Any], dict[str, dict[str, str]]]:
    """(field -> value shown now, group -> stamp); the model's defaults where the program has said nothing."""
    facts = ProgramFacts.objects.filter(facility=facility).first() or ProgramFacts(facility=facility)
    return {field: getattr(facts, field) for field in FACT_FIELDS}, dict(facts.stamps)


def updates_waiting(facility: Facility) -> QuerySet[ProgramUpdate]:
    return ProgramUpdate.objects.filter(facility=facility, status=UpdateStatus.WAITING).order_by("submitted_at", "pk")


def facts_with_waiting_updates(facility: Facility) -> dict[str, Any]:
    """What the listing will say once its waiting updates are accepted: the edit form starts from it."""
    values, _stamps = facts_now(facility)
    for update in updates_waiting(facility):
        values.update({field: value for field, value in update.changes.items() if field in values})
    return values


def listing_trusted(facility: Facility) -> bool:
    """Whether staff accepted an update of this listing before: later ones then show at once."""
    return ProgramUpdate.objects.filter(facility=facility, status=UpdateStatus.ACCEPTED).exists()


def updates_to_review() -> QuerySet[ProgramUpdate]:
    return (
        ProgramUpdate.objects.filter(status__in=[UpdateStatus.WAITING, UpdateStatus.SHOWN])
        .select_related("facility")
        .order_by("submitted_at", "pk")
    )


def updates_reviewed() -> QuerySet[ProgramUpdate]:
    return ProgramUpdate.objects.filter(status__in=[UpdateStatus.ACCEPTED, UpdateStatus.REJECTED]).select_related(
        "facility", "reviewed_by"
    )
