"""GET /meta (which data is served) and GET /health (a trivial answer for monitors and load tests)."""

from __future__ import annotations

from datetime import datetime

from django.http import HttpRequest
from ninja import Field, Router

from api.schemas import ApiError, Schema
from directory.models import Service, ServiceCategory
from directory.selectors import directory_overview

router = Router(tags=["meta"])

ATTRIBUTION = (
    "Facility data: SAMHSA National Directory of substance use treatment facilities (public domain). "
    "ZIP code coordinates: GeoNames (CC BY 4.0)."
)


class Counts(Schema):
    listings: int = Field(description="Published facilities.")
    iop: int = Field(description="Published facilities offering intensive outpatient treatment (code OIT).")
    states: int = Field(description="States and territories with at least one listing.")
    services: int = Field(description="Service codes in the taxonomy.")
    service_categories: int


class DataSource(Schema):
    dataset: str = Field(description="samhsa-nd (the national directory), findtreatment, or sample.")
    edition: int | None
    imported_at: datetime | None
    sha256: str | None = Field(description="SHA-256 of the imported file.")


class Meta(Schema):
    edition: int | None = Field(
        description="The directory's edition: the newest national directory edition imported (an older or partial "
        "file never lowers it); null before any import."
    )
    dataset: str | None
    imported_at: datetime | None = Field(description="When that edition's import finished.")
    source_sha256: str | None = Field(description="SHA-256 of that edition's file.")
    sources: list[DataSource] = Field(description="Each dataset the directory is made of, at its newest import.")
    counts: Counts
    attribution: str


class Health(Schema):
    status: str


@router.get("/meta", response={200: Meta, 429: ApiError}, summary="Data edition, import time and counts")
def meta(request: HttpRequest) -> Meta:
    overview = directory_overview()
    latest = overview.edition_import
    return Meta(
        edition=latest.edition if latest else None,
        dataset=latest.dataset or None if latest else None,
        imported_at=latest.finished_at if latest else None,
        source_sha256=latest.sha256 or None if latest else None,
        sources=[
            DataSource(dataset=run.dataset, edition=run.edition, imported_at=run.finished_at, sha256=run.sha256 or None)
            for run in overview.sources
        ],
        counts=Counts(
            listings=overview.listings,
            iop=overview.iop,
            states=len(overview.states),
            services=Service.objects.count(),
            service_categories=ServiceCategory.objects.count(),
        ),
        attribution=ATTRIBUTION,
    )


@router.get("/health", response={200: Health, 429: ApiError}, summary="Liveness", include_in_schema=True)
def health(request: HttpRequest) -> Health:
    """A constant answer that touches no data: monitors, and the baseline of the load benchmark."""
    return Health(status="ok")
