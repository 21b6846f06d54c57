"""Response shapes of the public API (they are its documentation: every field says what it means)."""

from __future__ import annotations

from datetime import date, datetime

from ninja import Field
from pydantic import BaseModel


class Schema(BaseModel):
    """The base of every API response shape.

    Plain pydantic rather than ninja.Schema: ninja's adds a validator to every
    object so it can read ORM attributes, which we never hand it (responses are
    built from the search result), and it cost about 80% of a search request
    with its hundred facet options (measured with cProfile).
    """


class ApiError(Schema):
    error: str = Field(description="A stable machine-readable code, e.g. `invalid_query` or `location_not_found`.")
    message: str = Field(description="What went wrong and how to put it right, for a person.")
    fields: dict[str, list[str]] | None = Field(None, description="Messages by query parameter, when some were bad.")
    suggestions: list[PlaceSuggestion] | None = Field(
        None, description="Places to search instead, when one was not found."
    )


class PlaceSuggestion(Schema):
    label: str
    where: str = Field(description="The value to send as `where` to search this place.")


class Gone(Schema):
    error: str = Field(description="Always `unpublished`.")
    message: str
    id: str
    name: str
    last_seen_edition: int = Field(description="The last directory edition that listed this facility.")


class Address(Schema):
    street1: str
    street2: str
    city: str
    state: str = Field(description="U.S. postal code of the state or territory.")
    zip_code: str


class PhoneNumber(Schema):
    kind: str = Field(description="`main`, `intake` or `hotline`.")
    raw: str = Field(description="Exactly as the directory gives it, extension included.")
    display: str = Field(
        description="Formatted for reading (national format), or the raw text when it is not dialable."
    )
    tel: str | None = Field(description="An RFC 3966 `tel:` URI to dial, or null when the number cannot be dialled.")


class Tag(Schema):
    group: str = Field(description="The filter group, e.g. `care`, `pay`, `tele`.")
    key: str = Field(description="The option's key, usable as a filter value.")
    label: str


HSDS_ID_DESCRIPTION = "The same listing's service in the HSDS 3.0 API (/hsds/services/{hsds_id}), a stable UUID."


class FacilitySummary(Schema):
    id: str = Field(description="The facility's stable public identifier.")
    hsds_id: str = Field(description=HSDS_ID_DESCRIPTION)
    name: str = Field(description="The organization.")
    program_name: str = Field(description="The program within the organization; may be empty.")
    display_name: str
    address: Address
    phone: PhoneNumber | None
    latitude: float | None = Field(description="Null when the location is unknown.")
    longitude: float | None
    coordinate_precision: str = Field(
        description="`source`, `street`, `zip` (ZIP code center), `city` or `unknown` (found by state and name only)."
    )
    distance_miles: float | None = Field(description="Great-circle miles from the searched point; null in a state.")
    tags: list[Tag] = Field(description="The level-of-care, payment and telehealth options it offers.")
    unconfirmed_since: date | None = Field(
        None,
        description="Given when the listing may be out of date: the newest confirmation of any of its facts, "
        "more than 18 months ago.",
    )
    url: str = Field(description="The facility's page on this site.")
    api_url: str


class ResolvedLocation(Schema):
    label: str = Field(description="The place as understood, e.g. `77002 (Houston, TX)`.")
    latitude: float | None = Field(description="The point distances are measured from; null for a state.")
    longitude: float | None
    state: str | None = Field(description="The state browsed, when the search covers a whole state.")
    note: str = Field(
        "",
        description="How the place was understood when not as typed (a street address searched by its ZIP code, "
        "a ZIP code without a center of its own); empty otherwise.",
    )


class AppliedQuery(Schema):
    where: str
    location: ResolvedLocation
    radius_miles: int | None = Field(description="Null when a whole state is searched.")
    filters: dict[str, list[str]] = Field(description="Chosen option keys by filter group, after defaults.")
    name: str
    page: int = Field(description="The page shown: the one asked for, or the last one when that was past the end.")
    page_size: int


class FacetOption(Schema):
    key: str
    label: str
    count: int = Field(description="Results there would be with this option added to its group.")
    selected: bool


class FacetGroup(Schema):
    key: str
    label: str
    options: list[FacetOption]


class FacilitySearchResult(Schema):
    query: AppliedQuery
    total: int = Field(description="Facilities matching the whole query, on every page.")
    page_count: int
    results: list[FacilitySummary]
    facets: list[FacetGroup]


class ServiceOut(Schema):
    code: str = Field(description="The SAMHSA service code, e.g. `OIT`.")
    name: str
    description: str


class ServiceCategoryOut(Schema):
    code: str
    name: str
    services: list[ServiceOut]


class Coordinates(Schema):
    latitude: float | None = Field(description="Null when the location is unknown.")
    longitude: float | None
    precision: str = Field(description="`source`, `street`, `zip` (ZIP code center), `city` or `unknown`.")
    precision_label: str


class Source(Schema):
    dataset: str = Field(description="`samhsa-nd` (National Directory), `findtreatment` or `sample`.")
    dataset_label: str
    edition: int = Field(description="The edition the current details come from.")
    first_seen_edition: int
    last_seen_edition: int
    updated_at: datetime


class FactGroupSource(Schema):
    group: str = Field(description="`name`, `address`, `phones`, `website` or `services`.")
    label: str
    sources: list[str] = Field(description="Where these facts come from, e.g. `SAMHSA National Directory 2023`.")
    confirmed: date | None = Field(description="When the oldest of these facts was last confirmed by its source.")
    corrected: bool = Field(description="A reviewed correction holds at least one of these facts.")
    under_review: bool = Field(
        description="A newer source disagrees with a correction and a reviewer has yet to decide."
    )


class ProgramStamp(Schema):
    by: str = Field(
        description="Who last said these facts: `program` (its verified representative), `staff` or `sample`."
    )
    at: datetime = Field(description="When they said it.")


class ProgramSchedule(Schema):
    days: list[str] = Field(description="Days the IOP meets: `mon` to `sun`.")
    hours_per_week: int | None
    day_track: bool | None = Field(description="A daytime group; null when the program has not said.")
    evening_track: bool | None
    weekend_track: bool | None
    typical_weeks: int | None = Field(description="How many weeks the program usually lasts.")
    updated: ProgramStamp


class ProgramOpenings(Schema):
    status: str = Field(description="`yes` (taking new clients), `waiting-list` or `not-now`.")
    waiting_list_weeks: int | None = Field(description="About how many weeks the waiting list is.")
    updated: ProgramStamp


class ProgramContact(Schema):
    intake_phone: PhoneNumber | None = Field(description="The program's intake line (kind `intake`).")
    website: str
    updated: ProgramStamp


class ProgramDetails(Schema):
    virtual_iop: bool | None = Field(description="Whether the IOP can be attended from home; null when not said.")
    languages: list[str]
    insurance_plans: list[str]
    updated: ProgramStamp


class ProgramFactsOut(Schema):
    """What the program says of itself, beyond SAMHSA's survey; a group is null when it has said nothing."""

    schedule: ProgramSchedule | None
    openings: ProgramOpenings | None = Field(
        description="Null too when the answer is more than 30 days old: ask the program when you call."
    )
    contact: ProgramContact | None
    details: ProgramDetails | None


class FacilityDetail(Schema):
    id: str
    hsds_id: str = Field(description=HSDS_ID_DESCRIPTION)
    name: str
    program_name: str
    display_name: str
    address: Address
    phones: list[PhoneNumber]
    website: str
    coordinates: Coordinates
    services: list[ServiceCategoryOut] = Field(description="Every service offered, grouped by category.")
    source: Source
    facts: list[FactGroupSource] = Field(description="Each group of facts with its sources and confirmation date.")
    program: ProgramFactsOut | None = Field(
        None, description="What the program itself says (schedule, openings, intake, virtual IOP), with dates."
    )
    last_confirmed: date | None = Field(
        None, description="The newest confirmation of any fact, by a source, a correction or the program."
    )
    possibly_out_of_date: bool = Field(
        False, description="No source has confirmed anything on the listing for 18 months."
    )
    url: str


ApiError.model_rebuild()
