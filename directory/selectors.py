"""Reads of the directory for pages: each returns plain data or a queryset."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass

from django.db.models import Count, F, Q
from django.utils.translation import gettext as _

from directory.category_names import plain_category_name
from directory.models import Dataset, Facility, Service, ServiceCategory
from directory.phones import parse_phone
from directory.revision import cached_on_revision, held_on_revision
from directory.service_mask import WORD_BITS, split_words
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
    # The import that gives the directory its edition: the newest edition of
    # the national directory, so an older or partial file never lowers it.
    edition_import: ImportRun | None
    # Every source the directory is made of: each dataset's newest edition imported.
    sources: list[ImportRun]


def directory_overview() -> Overview:
    """Counts for the home page; cached until the directory changes."""
    return cached_on_revision("directory-overview", _count_directory)


def directory_sources() -> list[ImportRun]:
    """Each dataset's newest successful import (newest edition first, then newest run), the directory first."""
    runs = ImportRun.objects.filter(status=ImportRun.Status.SUCCEEDED).exclude(dataset="")
    newest: dict[str, ImportRun] = {}
    for run in runs.order_by("-edition", "-finished_at", "-pk"):
        newest.setdefault(run.dataset, run)
    order: list[str] = [Dataset.NATIONAL_DIRECTORY, Dataset.FINDTREATMENT, Dataset.SAMPLE]
    return sorted(newest.values(), key=lambda run: order.index(run.dataset) if run.dataset in order else len(order))


def _count_directory() -> Overview:
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
    sources = directory_sources()
    return Overview(
        listings=sum(s.listings for s in states),
        iop=sum(s.iop for s in states),
        states=states,
        edition_import=sources[0] if sources else None,
        sources=sources,
    )


def sample_data_served() -> bool:
    # Every page's layout asks (its banner): held in the process, not a shared-cache round trip a page.
    return held_on_revision("sample-data-served", _any_sample_listing)


def _any_sample_listing() -> bool:
    # A function, not a bound QuerySet method: building the QuerySet cost a tenth of a layout-only page,
    # on every page, even when the held answer was used.
    return Facility.objects.filter(dataset=Dataset.SAMPLE, published=True).exists()


@dataclass(frozen=True)
class ServiceGroup:
    category: ServiceCategory
    services: list[Service]

    @property
    def plain_name(self) -> str:
        """Our plain name for the category ("Who prescribes opioid medications"), else the legend's."""
        return plain_category_name(self.category.code, self.category.local_name)


def facility_services(facility: Facility) -> list[ServiceGroup]:
    """The facility's services in the legend's order, grouped by category."""
    services = Service.objects.filter(bit__in=facility.service_bits()).select_related("category")
    groups: dict[int, ServiceGroup] = {}
    for service in services:
        group = groups.setdefault(service.category_id, ServiceGroup(service.category, []))
        group.services.append(service)
    return list(groups.values())


TwinKey = tuple[str, str, str, str, str]
TWIN_FIELDS = ("name", "program_name", "street1", "street2", "zip_code")


def _twin_key(facility: Facility) -> TwinKey:
    return (facility.name, facility.program_name, facility.street1, facility.street2, facility.zip_code)


def twin_labels(facilities: Collection[Facility]) -> dict[str, str]:
    """public_id -> what tells a listing apart, for those sharing name and address with another published one.

    A phone line its namesakes do not list, else its public ID: the directory
    has such listings (the same program's two lines, or two programs of one
    organization), and cards and titles that read alike send people to the wrong one.
    """
    groups = _twin_groups()
    labels = {}
    for key in {_twin_key(facility) for facility in facilities} & groups.keys():
        group = groups[key]
        for public_id, phones in group:
            theirs = {_dialled(raw) for other_id, numbers in group if other_id != public_id for raw in numbers}
            own = [raw for raw in phones if _dialled(raw) not in theirs]
            labels[public_id] = (
                _("the one with phone %(phone)s") % {"phone": parse_phone(own[0]).display}
                if own
                else _("listing ID %(id)s") % {"id": public_id}
            )
    return labels


def _twin_groups() -> dict[TwinKey, list[tuple[str, list[str]]]]:
    """Every name and address that more than one published listing shares -> (public_id, phone lines) of each.

    A handful in the whole directory: found once per revision and kept in each process, instead of
    a query per results page that narrowed by state and city and still cost half of an uncached
    page (bench/page_load.py).
    """
    return held_on_revision("twin-groups", _find_twin_groups)


def _find_twin_groups() -> dict[TwinKey, list[tuple[str, list[str]]]]:
    published = Facility.objects.filter(published=True)
    shared = published.order_by().values(*TWIN_FIELDS).annotate(listings=Count("id")).filter(listings__gt=1)
    keys = {tuple(row[name] for name in TWIN_FIELDS) for row in shared}
    if not keys:
        return {}
    groups: dict[TwinKey, list[tuple[str, list[str]]]] = defaultdict(list)
    members = published.filter(name__in={key[0] for key in keys}).only(
        "public_id", *TWIN_FIELDS, "phone", "intake_phones", "hotline"
    )
    for facility in members.order_by("public_id"):
        if _twin_key(facility) in keys:
            groups[_twin_key(facility)].append((facility.public_id, [raw for _k, raw in facility.phone_numbers()]))
    return dict(groups)


def _dialled(raw: str) -> str:
    return parse_phone(raw).tel or raw


def published_facility(public_id: str) -> Facility | None:
    """The published listing with this public id, or None (also for an id too long to be one)."""
    if len(public_id) > 16:
        return None
    return Facility.objects.filter(public_id=public_id, published=True).first()
