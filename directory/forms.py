"""The search form: every search is a GET URL, validated here before the selector runs."""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING, Any

from django import forms
from django.http import QueryDict
from django.utils.functional import lazy
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _

from directory.revision import held_on_revision
from directory.search import DEFAULT_RADIUS, RADIUS_CHOICES, SearchQuery
from directory.search.filters import DEFAULT_CARE, FilterGroup, FilterOption, filter_groups, label_text
from directory.search.legend import legend
from directory.search.location import Location, LocationNotFound, point_location, resolve_location
from directory.search.selector import SORT_BY_DISTANCE, SORT_BY_NAME

if TYPE_CHECKING:
    from directory.search.filters import FilterLabel
    from directory.search.selector import FacetGroup

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
            group.key: _OptionKeysField(
                keys=frozenset(option.key for option in group.options),
                label=group.label,
                choices=[(option.key, option.label) for option in group.options],
                required=False,
                widget=forms.CheckboxSelectMultiple,
            )
            for group in groups
        }
        _shared_group_fields = (groups, fields)
    return fields


class _OptionKeysField(forms.MultipleChoiceField):
    """A group's checkboxes: a value is valid when it is one of the option keys, looked up in a set (Django
    compares it with each choice in turn, the languages group's dozens among them)."""

    def __init__(self, *, keys: frozenset[str], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.keys = keys

    def valid_value(self, value: object) -> bool:
        return str(value) in self.keys


_shared_group_fields: tuple[tuple[FilterGroup, ...] | None, dict[str, forms.Field]] = (None, {})


def _with_defaults(data: QueryDict) -> QueryDict:
    """Intensive outpatient is chosen until someone says otherwise.

    The form always sends an empty `care` value, so a URL without `care`
    (typed, shared, or from elsewhere) gets the default while a submitted form
    with every level of care unticked searches all of them.
    """
    cleaned = QueryDict(mutable=True)  # built anew: QueryDict.copy() is a deep copy, a tenth of the form's time
    for key, values in data.lists():
        cleaned.setlist(key, values if key in ("where", "name") else [value for value in values if value != ""])
    if "care" not in data:
        cleaned.setlist("care", list(DEFAULT_CARE))
    return cleaned


class PanelOption:
    def __init__(
        self, group_key: str, key: str, label: FilterLabel, count: int | None, checked: bool, language: str | None
    ) -> None:
        self.id = f"f-{group_key}-{key}"
        self.key, self.label, self.count, self.checked = key, label, count, checked
        self.text = label_text(label, language)  # the label in the page's language


class PanelGroup:
    """One filter group as the page shows it: its options, which are ticked, and what each would find.

    The checkboxes are rendered from `shown`, `chosen` and `counts` (search_words.filter_options); the
    option objects are made only when a template asks for them (an empty result's other levels of care).
    """

    def __init__(
        self,
        group: FilterGroup,
        shown: tuple[FilterOption, ...],
        chosen: set[str],
        counts: dict[str, int] | None,
        language: str | None,
    ) -> None:
        self.group, self.shown, self.chosen, self.counts, self.language = group, shown, chosen, counts, language
        self.key, self.main = group.key, group.main
        self.label = label_text(group.label, language)
        self.any_checked = bool(chosen) and any(option.key in chosen for option in shown)

    def count(self, option_key: str) -> int | None:
        return None if self.counts is None else self.counts.get(option_key)

    @cached_property
    def options(self) -> list[PanelOption]:
        return [
            PanelOption(self.key, o.key, o.label, self.count(o.key), o.key in self.chosen, self.language)
            for o in self.shown
        ]


def filter_panel(form: SearchForm, facets: list[FacetGroup] | None = None) -> list[PanelGroup]:
    """The filter checkboxes as the page shows them: chosen or not, with counts when there are results."""
    counts = {facet.group.key: facet.by_key for facet in facets or []}
    data = form.data if isinstance(form.data, QueryDict) else _with_defaults(QueryDict())
    available = _available_options(form.groups)
    language = get_language()
    panel = []
    for group in form.groups:
        chosen = set(data.getlist(group.key))
        shown, shown_keys = available[group.key]
        if not chosen <= shown_keys:
            shown = tuple(o for o in group.options if o.key in shown_keys or o.key in chosen)
        panel.append(PanelGroup(group, shown, chosen, counts.get(group.key) if facets is not None else None, language))
    return panel


ShownOptions = tuple[tuple[FilterOption, ...], frozenset[str]]  # the options, and their keys


def _available_options(groups: tuple[FilterGroup, ...]) -> dict[str, ShownOptions]:
    """Each group's options that can find something under the current legend, worked out once per revision.

    An option whose codes no loaded source uses (DBT before a FindTreatment import) could only find nothing,
    and is shown only when the URL chose it; one the programs answer themselves (o.fact) can be answered at
    any time.
    """
    current = legend()

    def work_out() -> dict[str, ShownOptions]:
        known = current.by_code
        available = {}
        for group in groups:
            options = tuple(o for o in group.options if o.fact or any(code in known for code in o.codes))
            available[group.key] = (options, frozenset(o.key for o in options))
        return available

    return held_on_revision("available-filter-options", work_out, current.revision)
