"""GET /facilities and /facilities/{id}: the search pages' form and selector, answered as JSON."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils.translation import get_language
from ninja import Field, Query, Router

from api.errors import NotFound, Unpublished
from api.program_facts import program_facts_out
from api.schemas import (
    Address,
    ApiError,
    AppliedQuery,
    Coordinates,
    FacetGroup,
    FacetOption,
    FacilityDetail,
    FacilitySearchResult,
    FacilitySummary,
    FactGroupSource,
    Gone,
    PhoneNumber,
    ResolvedLocation,
    Schema,
    ServiceCategoryOut,
    ServiceOut,
    Source,
    Tag,
)
from api.search_params import MAX_PAGE_SIZE, ApiSearch, run_search
from directory.forms import MAX_PAGE
from directory.freshness import newest_confirmation, out_of_date
from directory.hsds_ids import service_id
from directory.models import CoordinatePrecision, Dataset, Facility
from directory.phones import MAIN, parse_phone
from directory.provenance import fact_dates
from directory.revision import held_on_revision
from directory.search import RADIUS_CHOICES, SearchResult
from directory.search.cards import built_once
from directory.search.filters import STATIC_GROUPS, TAG_GROUPS, FilterGroup, FilterOption, label_text
from directory.search.selector import Hit
from directory.selectors import facility_services
from programs import freshness
from programs.selectors import facts_of

router = Router(tags=["facilities"])
API_PREFIX = "/api/v1/"


@lru_cache(maxsize=64)
def _tags_in(language: str) -> dict[int, Tag]:
    """Each tag option as translated into `language`: translating per hit cost a third of a search request."""
    return {
        id(option): Tag(group=group.key, key=option.key, label=str(option.label))
        for group in TAG_GROUPS
        for option in group.options
    }


def _filter_param(key: str) -> object:
    group = next(group for group in STATIC_GROUPS if group.key == key)
    keys = [option.key for option in group.options]
    items: dict[str, Any] = {"type": "string", "enum": keys}
    return Field(
        None,
        description=f"{group.label}: any of {', '.join(keys)} (options within a group combine with OR).",
        json_schema_extra={"items": items},
    )


class FacilitySearchParams(Schema):
    """The search page's query parameters; the same URL query string works on /search/."""

    where: str | None = Field(
        None, max_length=120, description='A 5-digit ZIP code, "City, ST", or a state (name or code).'
    )
    lat: float | None = Field(None, ge=-90, le=90, description="Latitude to search around (with `lon`).")
    lon: float | None = Field(None, ge=-180, le=180, description="Longitude to search around (with `lat`).")
    radius: int | None = Field(
        None, description="Miles around the place (default 25).", json_schema_extra={"enum": list(RADIUS_CHOICES)}
    )
    care: list[str] | None = _filter_param("care")  # type: ignore[assignment]
    pay: list[str] | None = _filter_param("pay")  # type: ignore[assignment]
    tele: list[str] | None = _filter_param("tele")  # type: ignore[assignment]
    med: list[str] | None = _filter_param("med")  # type: ignore[assignment]
    approach: list[str] | None = _filter_param("approach")  # type: ignore[assignment]
    serves: list[str] | None = _filter_param("serves")  # type: ignore[assignment]
    # What programs say of themselves: only listings whose program has said so are found.
    schedule: list[str] | None = _filter_param("schedule")  # type: ignore[assignment]
    openings: list[str] | None = _filter_param("openings")  # type: ignore[assignment]
    virtual: list[str] | None = _filter_param("virtual")  # type: ignore[assignment]
    lang: list[str] | None = Field(
        None,
        description="Languages: spanish, asl, native, or a lower-case SAMHSA language code; see /services.",
        json_schema_extra={"items": {"type": "string", "maxLength": 20}},
    )
    name: str | None = Field(None, max_length=100, description="Part of the organization's or program's name.")
    page: int | None = Field(None, ge=1, le=MAX_PAGE, description="Page number, from 1.")
    page_size: int | None = Field(None, ge=1, le=MAX_PAGE_SIZE, description="Results per page (default 20).")


@router.get(
    "/facilities",
    response={200: FacilitySearchResult, 400: ApiError, 429: ApiError},
    summary="Search facilities",
    operation_id="search_facilities",
)
def search(request: HttpRequest, params: Query[FacilitySearchParams]) -> HttpResponse:
    """Facilities near a place or in a state, with the search page's filters, nearest first.

    Without `care`, intensive outpatient (`care=iop`) is chosen, as on the page;
    send `care=` (empty) to search every level of care.
    """
    # `params` documents and type-checks the query; the page's form reads the
    # raw query string so both can never drift apart.
    search, result = run_search(request.GET)
    # Written by pydantic's own encoder: handing the model back to ninja would
    # validate it once more and encode it in Python, a fifth of the request.
    return HttpResponse(search_result_out(search, result).model_dump_json(), content_type="application/json")


def search_result_out(search: ApiSearch, result: SearchResult) -> FacilitySearchResult:
    """The answer, built without validation: every value comes typed from the search itself
    (the schemathesis tests check the answers against the schema)."""
    language = get_language()
    facets = [
        FacetGroup.model_construct(
            key=facet.group.key,
            label=label_text(facet.group.label, language),
            options=[
                _facet_option(option.key, label, count, option.key in facet.selected)
                for (option, label), count in zip(_option_labels(facet.group, language), facet.counts, strict=True)
            ],
        )
        for facet in result.facets
    ]
    tags = _tags_in(language or "")
    return FacilitySearchResult.model_construct(
        query=applied_query(search, result),
        total=result.total,
        page_count=result.page_count,
        results=[facility_summary(hit, tags) for hit in result.hits],
        facets=facets,
    )


def _option_labels(group: FilterGroup, language: str | None) -> tuple[tuple[FilterOption, str], ...]:
    """A group's options with their labels in `language`, for every answer in that language until the
    directory's next revision (the legend, which makes the languages group, changes only with one)."""
    held: dict[tuple[str, str | None], tuple[tuple[FilterOption, str], ...]] = held_on_revision(
        "facet-option-labels", dict
    )
    labels = held.get((group.key, language))
    if labels is None:
        labels = held[group.key, language] = tuple(
            (option, label_text(option.label, language)) for option in group.options
        )
    return labels


# About seventy options an answer, most with a count that other searches gave too (many are 0): each
# (option, label, count, choice) is built once and shared, as building them was a tenth of an answer.
@lru_cache(maxsize=50_000)
def _facet_option(key: str, label: str, count: int, selected: bool) -> FacetOption:
    return FacetOption.model_construct(key=key, label=label, count=count, selected=selected)


def applied_query(search: ApiSearch, result: SearchResult) -> AppliedQuery:
    query, point = result.query, search.location.point
    return AppliedQuery(
        where=search.form.cleaned_data["where"].strip(),
        location=ResolvedLocation(
            label=str(search.location.label),
            latitude=point.latitude if point else None,
            longitude=point.longitude if point else None,
            state=search.location.state,
            note=str(search.location.note),
        ),
        radius_miles=int(query.radius_miles) if point else None,  # one of RADIUS_CHOICES
        filters={key: list(keys) for key, keys in query.filters.items() if keys},
        name=query.name,
        page=result.page,
        page_size=query.page_size,
    )


def facility_summary(hit: Hit, tags: dict[int, Tag] | None = None) -> FacilitySummary:
    """One result; `tags` are _tags_in() of the active language, when the caller has them at hand.

    Validated as it is made: pydantic's validation runs in its Rust core, faster here than `model_construct`,
    which is plain Python (4.4 µs against 6.2 µs a result).
    """
    tags = tags if tags is not None else _tags_in(get_language() or "")
    return FacilitySummary(
        **_fixed_summary(hit.facility),
        distance_miles=round(hit.distance_miles, 2) if hit.distance_miles is not None else None,
        tags=[tags[id(tag)] for tag in hit.tags],
        unconfirmed_since=hit.unconfirmed_since,
    )


def _fixed_summary(facility: Facility) -> dict[str, Any]:
    """What a result says of the facility whatever the search: built once per facility."""
    return built_once(
        facility,
        "api-summary",
        lambda: {
            "id": facility.public_id,
            "hsds_id": service_id(facility.public_id),
            "name": facility.name,
            "program_name": facility.program_name,
            "display_name": facility.display_name,
            "address": _address(facility),
            "phone": _phone(MAIN, facility.phone) if facility.phone else None,
            "latitude": facility.latitude,
            "longitude": facility.longitude,
            "coordinate_precision": facility.coordinate_precision,
            "url": facility.get_absolute_url(),
            "api_url": f"{API_PREFIX}facilities/{facility.public_id}",
        },
    )


@router.get(
    "/facilities/{id}",
    response={200: FacilityDetail, 404: ApiError, 410: Gone, 429: ApiError},
    summary="One facility",
    operation_id="get_facility",
    url_name="facility",
)
def detail(request: HttpRequest, id: str) -> FacilityDetail:
    """Everything the directory says about one facility; 410 when it is no longer listed."""
    facility = Facility.objects.filter(public_id=id[:16]).first()
    if facility is None:
        raise NotFound(f"No facility has the id {id[:40]!r}.")
    if not facility.published:
        raise Unpublished(facility)
    phones = [_phone(kind, raw) for kind, raw in facility.phone_numbers()]
    program = facts_of(facility)
    newest = newest_confirmation(facility.provenance, program.stamps if program is not None else None)
    return FacilityDetail(
        id=facility.public_id,
        hsds_id=service_id(facility.public_id),
        name=facility.name,
        program_name=facility.program_name,
        display_name=facility.display_name,
        address=_address(facility),
        phones=phones,
        website=facility.website,
        coordinates=Coordinates(
            latitude=facility.latitude,
            longitude=facility.longitude,
            precision=facility.coordinate_precision,
            precision_label=str(CoordinatePrecision(facility.coordinate_precision).label),
        ),
        services=[
            ServiceCategoryOut(
                code=group.category.code,
                name=group.category.local_name,
                services=[
                    ServiceOut(code=s.code, name=s.local_name, description=s.description) for s in group.services
                ],
            )
            for group in facility_services(facility)
        ],
        source=Source(
            dataset=facility.dataset,
            dataset_label=str(Dataset(facility.dataset).label),
            edition=facility.edition,
            first_seen_edition=facility.first_seen_edition,
            last_seen_edition=facility.last_seen_edition,
            updated_at=facility.updated_at,
        ),
        facts=[
            FactGroupSource(
                group=fact.group,
                label=str(fact.label),
                sources=list(fact.sources),
                confirmed=fact.confirmed,
                corrected=fact.corrected,
                under_review=fact.flagged,
            )
            for fact in fact_dates(facility)
        ],
        program=program_facts_out(program),
        last_confirmed=newest,
        possibly_out_of_date=out_of_date(newest, freshness.today()),
        url=facility.get_absolute_url(),
    )


def _address(facility: Facility) -> Address:
    return Address(
        street1=facility.street1,
        street2=facility.street2,
        city=facility.city,
        state=facility.state,
        zip_code=facility.zip_code,
    )


def _phone(kind: str, raw: str) -> PhoneNumber:
    phone = parse_phone(raw)
    return PhoneNumber(kind=kind, raw=phone.raw, display=phone.display, tel=phone.tel or None)
