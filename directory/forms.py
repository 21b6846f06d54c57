"""The search form: every search is a GET URL, validated here before the selector runs."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django import forms
from django.http import QueryDict
from django.utils.functional import lazy
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _

from directory.search import DEFAULT_RADIUS, RADIUS_CHOICES, SearchQuery
from directory.search.filters import DEFAULT_CARE, FilterGroup, filter_groups, label_text
from directory.search.legend import legend
from directory.search.location import Location, LocationNotFound, point_location, resolve_location
from directory.search.selector import SORT_BY_DISTANCE, SORT_BY_NAME

if TYPE_CHECKING:
    from directory.search.filters import FilterLabel

MAX_PAGE = 100_000


def _within(miles: int) -> str:
    return gettext("Within %(miles)s miles") % {"miles": miles}


# A choice label is made once, when this module is imported: it must be translated when shown, not then.
_within_lazy = lazy(_within, str)


class SearchForm(forms.Form):
    where = forms.CharField(
        label=_("ZIP code, city and state, or state"),
        max_length=120,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "postal-code", "inputmode": "search", "spellcheck": "false"}),
    )
    # Filled in by the "use my location" button; people never type them.
    lat = forms.FloatField(label=_("Latitude"), min_value=-90, max_value=90, required=False, widget=forms.HiddenInput)
    lon = forms.FloatField(
        label=_("Longitude"), min_value=-180, max_value=180, required=False, widget=forms.HiddenInput
    )
    radius = forms.TypedChoiceField(
        label=_("Distance"),
        choices=[(miles, _within_lazy(miles)) for miles in RADIUS_CHOICES],
        coerce=int,
        required=False,
        empty_value=DEFAULT_RADIUS,  # type: ignore[arg-type]  # django-stubs expects a str
    )
    name = forms.CharField(label=_("Program name (optional)"), max_length=100, required=False)
    page = forms.IntegerField(label=_("Page"), min_value=1, max_value=MAX_PAGE, required=False)
    sort = forms.ChoiceField(
        label=_("Sort by"),
        choices=[(SORT_BY_DISTANCE, _("Distance")), (SORT_BY_NAME, _("Name"))],
        required=False,
    )

    def __init__(self, data: QueryDict | None = None, **kwargs: object) -> None:
        # Django deep-copies every declared field for each form, so that one form may change its own; nothing
        # changes these after they are made, and copying their lazy labels and choices cost a tenth of a search.
        self.base_fields = _SharedFields(type(self).base_fields)  # type: ignore[misc]  # read by Django's __init__
        super().__init__(_with_defaults(data) if data is not None else None, **kwargs)  # type: ignore[arg-type]
        self.groups: tuple[FilterGroup, ...] = filter_groups()
        self.fields.update(_group_fields(self.groups))

    @property
    def has_place(self) -> bool:
        return bool(self.data.get("where", "").strip() or (self.data.get("lat") and self.data.get("lon")))

    def location(self) -> Location | LocationNotFound:
        data = self.cleaned_data
        if data.get("lat") is not None and data.get("lon") is not None and not data["where"].strip():
            return point_location(data["lat"], data["lon"])
        return resolve_location(data["where"])

    def search_query(self, location: Location) -> SearchQuery:
        data = self.cleaned_data
        filters = {group.key: tuple(data.get(group.key) or ()) for group in self.groups}
        return SearchQuery(
            point=location.point,
            radius_miles=data["radius"],
            state=location.state or "",
            city=location.city,
            filters=filters,
            name=data["name"].strip(),
            page=data["page"] or 1,
            sort=data.get("sort") or SORT_BY_DISTANCE,
            with_freshness=True,
        )


class _SharedFields(dict[str, forms.Field]):
    """Fields that every form shares: a form's "deep copy" of them is a new dict of the same fields."""

    def __deepcopy__(self, memo: dict[int, object]) -> dict[str, forms.Field]:
        return dict(self)


def _group_fields(groups: tuple[FilterGroup, ...]) -> dict[str, forms.Field]:
    """One checkbox field per filter group, shared by every form of the same legend.

    Building them for each request (and Django's deep copy of their choices)
    cost as much as the search. Sharing is safe because nothing changes a
    field after it is made: labels stay lazy and are translated when shown.
    """
    global _shared_group_fields
    made_for, fields = _shared_group_fields
    if made_for is not groups:
        fields = {
            group.key: forms.MultipleChoiceField(
                label=group.label,
                choices=[(option.key, option.label) for option in group.options],
                required=False,
                widget=forms.CheckboxSelectMultiple,
            )
            for group in groups
        }
        _shared_group_fields = (groups, fields)
    return fields


_shared_group_fields: tuple[tuple[FilterGroup, ...] | None, dict[str, forms.Field]] = (None, {})


def _with_defaults(data: QueryDict) -> QueryDict:
    """Intensive outpatient is chosen until someone says otherwise.

    The form always sends an empty `care` value, so a URL without `care`
    (typed, shared, or from elsewhere) gets the default while a submitted form
    with every level of care unticked searches all of them.
    """
    data = data.copy()
    if "care" not in data:
        data.setlist("care", list(DEFAULT_CARE))
    for key in list(data.keys()):
        values = [value for value in data.getlist(key) if value != ""]
        if key not in ("where", "name"):
            data.setlist(key, values)
    return data


class PanelOption:
    def __init__(
        self, group_key: str, key: str, label: FilterLabel, count: int | None, checked: bool, language: str | None
    ) -> None:
        self.id = f"f-{group_key}-{key}"
        self.key, self.label, self.count, self.checked = key, label, count, checked
        self.text = label_text(label, language)  # the label in the page's language


class PanelGroup:
    def __init__(self, group: FilterGroup, options: list[PanelOption]) -> None:
        self.key, self.label, self.options, self.main = group.key, group.label, options, group.main

    @property
    def any_checked(self) -> bool:
        return any(option.checked for option in self.options)


def filter_panel(form: SearchForm, facets: list | None = None) -> list[PanelGroup]:
    """The filter checkboxes as the page shows them: chosen or not, with counts when there are results."""
    counts = {(f.group.key, o.option.key): o.count for f in facets or [] for o in f.options}
    data = form.data if isinstance(form.data, QueryDict) else _with_defaults(QueryDict())
    known_codes = legend().by_code
    language = get_language()
    panel = []
    for group in form.groups:
        chosen = set(data.getlist(group.key))
        # An option whose codes no loaded source uses (DBT before a FindTreatment import) could only find nothing;
        # one the programs answer themselves (o.fact) can be answered at any time.
        options = [
            PanelOption(group.key, o.key, o.label, counts.get((group.key, o.key)), o.key in chosen, language)
            for o in group.options
            if o.key in chosen or o.fact or any(code in known_codes for code in o.codes)
        ]
        panel.append(PanelGroup(group, options))
    return panel
