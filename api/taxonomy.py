"""GET /services: the SAMHSA service taxonomy and the search filters built on it."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Field, Router

from api.schemas import ApiError, Schema, ServiceCategoryOut, ServiceOut
from directory.models import ServiceCategory
from directory.search.filters import filter_groups

router = Router(tags=["taxonomy"])


class FilterOptionOut(Schema):
    key: str = Field(description="The value to send, e.g. `pay=medicaid`.")
    label: str
    codes: list[str] = Field(description="A facility matches the option when it offers any of these codes.")


class FilterGroupOut(Schema):
    key: str = Field(description="The query parameter, e.g. `pay`.")
    label: str
    options: list[FilterOptionOut]


class Taxonomy(Schema):
    categories: list[ServiceCategoryOut] = Field(description="The legend of the directory, in its own order.")
    filter_groups: list[FilterGroupOut] = Field(
        description="Search filters: options within a group combine with OR, groups with AND."
    )


@router.get("/services", response={200: Taxonomy, 429: ApiError}, summary="Service taxonomy and filters")
def services(request: HttpRequest) -> Taxonomy:
    """Every service code with its category, label and description, and the filter groups that map onto them."""
    categories = ServiceCategory.objects.prefetch_related("services")
    return Taxonomy(
        categories=[
            ServiceCategoryOut(
                code=category.code,
                name=category.local_name,
                services=[
                    ServiceOut(code=s.code, name=s.local_name, description=s.description)
                    for s in category.services.all()
                ],
            )
            for category in categories
        ],
        filter_groups=[
            FilterGroupOut(
                key=group.key,
                label=str(group.label),
                options=[FilterOptionOut(key=o.key, label=str(o.label), codes=list(o.codes)) for o in group.options],
            )
            for group in filter_groups()
        ],
    )
