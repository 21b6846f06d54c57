"""Reads of the directory for pages: each returns plain data or a queryset."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass

from django.core.cache import cache
from django.db.models import Count, F, Q
from django.utils.translation import gettext as _

from directory.models import Dataset, Facility, Service, ServiceCategory
from directory.phones import parse_phone
from directory.service_mask import WORD_BITS, split_words
from imports.latest import latest_import
from imports.models import ImportRun

IOP_CODE = "OIT"


def service_word(code: str) -> tuple[int, int] | None:
    """Which mask column holds `code`, and the value to AND it with."""
    service = Service.objects.filter(code=code).first()
    if service is None:
        return None
    word = service.bit // WORD_BITS
    return word, split_words(1 << service.bit)[word]


@dataclass(frozen=True)
class StateCount:
    state: str
    listings: int
    iop: int


@dataclass(frozen=True)
class Overview:
    listings: int
    iop: int
    states: list[StateCount]
    latest_import: ImportRun | None


def directory_overview() -> Overview:
    """Counts for the home page; cached until the next import."""
    version = latest_import().import_id
    key = f"directory-overview:{version}"
    overview = cache.get(key)
    if overview is None:
        overview = _count_directory(ImportRun.objects.filter(pk=version).first())
        cache.set(key, overview, 3600)
    return overview


def _count_directory(latest: ImportRun | None) -> Overview:
    published = Facility.objects.filter(published=True)
    iop = service_word(IOP_CODE)
    if iop is None:
        rows = published.values("state").annotate(listings=Count("id")).order_by("state")
        states = [StateCount(row["state"], row["listings"], 0) for row in rows]
    else:
        word, value = iop
        rows = (
            published.alias(hit=F(f"services_{word}").bitand(value))
            .values("state")
            .annotate(listings=Count("id"), iop=Count("id", filter=~Q(hit=0)))
            .order_by("state")
        )
        states = [StateCount(row["state"], row["listings"], row["iop"]) for row in rows]
    return Overview(
        listings=sum(s.listings for s in states),
        iop=sum(s.iop for s in states),
        states=states,
        latest_import=latest,
    )


def directory_version() -> int:
    """Changes with every successful import, so caches of search pages start afresh."""
    return latest_import().import_id


def sample_data_served() -> bool:
    return bool(
        cache.get_or_set(
            "sample-data-served", lambda: Facility.objects.filter(dataset=Dataset.SAMPLE, published=True).exists(), 60
        )
    )


@dataclass(frozen=True)
class ServiceGroup:
    category: ServiceCategory
    services: list[Service]


def facility_services(facility: Facility) -> list[ServiceGroup]:
    """The facility's services in the legend's order, grouped by category."""
    services = Service.objects.filter(bit__in=facility.service_bits()).select_related("category")
    groups: dict[int, ServiceGroup] = {}
    for service in services:
        group = groups.setdefault(service.category_id, ServiceGroup(service.category, []))
        group.services.append(service)
    return list(groups.values())


def _twin_key(facility: Facility) -> tuple[str, str, str, str, str]:
    return (facility.name, facility.program_name, facility.street1, facility.street2, facility.zip_code)


def twin_labels(facilities: Collection[Facility]) -> dict[str, str]:
    """public_id -> what tells a listing apart, for those sharing name and address with another published one.

    A phone line its namesakes do not list, else its public ID: the directory
    has such listings (the same program's two lines, or two programs of one
    organization), and cards and titles that read alike send people to the wrong one.
    """
    keys = {_twin_key(facility) for facility in facilities}
    if not keys:
        return {}
    groups: dict[tuple[str, str, str, str, str], list[Facility]] = defaultdict(list)
    places = [(facility.state, facility.city) for facility in facilities]
    # Narrowed by the (published, state, city) index first: no index leads with the name.
    candidates = Facility.objects.filter(
        published=True,
        state__in={state for state, _city in places},
        city__in={city for _state, city in places},
        name__in={key[0] for key in keys},
    ).only("public_id", "name", "program_name", "street1", "street2", "zip_code", "phone", "intake_phones", "hotline")
    for candidate in candidates.order_by("public_id"):
        if _twin_key(candidate) in keys:
            groups[_twin_key(candidate)].append(candidate)
    labels = {}
    for group in groups.values():
        if len(group) < 2:
            continue
        for facility in group:
            theirs = {_dialled(raw) for other in group if other is not facility for _kind, raw in other.phone_numbers()}
            own = [raw for _kind, raw in facility.phone_numbers() if _dialled(raw) not in theirs]
            labels[facility.public_id] = (
                _("the one with phone %(phone)s") % {"phone": parse_phone(own[0]).display}
                if own
                else _("listing ID %(id)s") % {"id": facility.public_id}
            )
    return labels


def _dialled(raw: str) -> str:
    return parse_phone(raw).tel or raw
