"""What the search page's Jinja2 templates call (directory/jinja2/): sentences with numbers, links, the cards.

The sentences with a number in them live here because `makemessages` finds
`ngettext` in Python, not in Jinja2 templates; their message IDs are those the
page had as Django templates, so the Spanish catalogue keeps serving them.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING, Any

from django.http import HttpRequest
from django.template import engines
from django.utils.formats import number_format
from django.utils.translation import get_language, gettext, ngettext
from markupsafe import Markup, escape

from directory.revision import held_on_revision
from directory.search import RADIUS_CHOICES, SearchResult
from directory.search.alternatives import DroppedFilter
from directory.search.filters import FilterOption, label_text
from directory.search.location import Location
from directory.search_links import search_path
from directory.templatetags.search_widgets import result_cards

if TYPE_CHECKING:
    from directory.forms import PanelGroup, PanelOption


def search_url(request: HttpRequest, **changes: object) -> str:
    """This search's URL with some parameters changed (None drops one), e.g. `search_url(request, page=2)`."""
    return search_path(request.GET, {key: None if value is None else [str(value)] for key, value in changes.items()})


def field_label(form: Any, name: str) -> object:
    fields = getattr(form, "fields", {})
    return fields[name].label if name in fields else name


def program_words() -> tuple[str, str]:
    """The words after a filter option's count: "program" and "programs" ("programa", "programas")."""
    return ngettext("program", "programs", 1), ngettext("program", "programs", 2)


def radius_options(chosen: str) -> Markup:
    """The distance menu's options, `chosen` (the URL's radius) selected: made once per language and choice."""
    return _radius_options(get_language(), chosen if chosen in _RADIUS_KEYS else "")


_RADIUS_KEYS = frozenset(str(miles) for miles in RADIUS_CHOICES)


@lru_cache(maxsize=64)
def _radius_options(language: str | None, chosen: str) -> Markup:  # `language` is the active one: a cache key
    options = (
        f'<option value="{miles}"{" selected" if str(miles) == chosen else ""}>'
        f"{escape(gettext('Within %(miles)s miles') % {'miles': miles})}</option>"
        for miles in RADIUS_CHOICES
    )
    return Markup("".join(options))  # noqa: S704 (each label escaped above)  # nosec B704


def filter_options(group: PanelGroup) -> Markup:
    """The group's checkboxes, from the macros in _filter_option.html.

    A page has about seventy. Each option's start (its wording and whether it is ticked) is rendered once
    per language and revision of the directory, which can rename options; each count once per language.
    Rendering whole checkboxes per count left a process rendering dozens a page for its first searches.
    """
    rendered: dict[tuple[object, ...], str] = held_on_revision("filter-option-starts", dict)
    language, group_key, chosen = group.language, group.key, group.chosen
    end = _option_end()
    parts: list[str] = []
    for option in group.shown:
        checked = option.key in chosen
        key = (language, group_key, option.key, checked)
        start = rendered.get(key)
        if start is None:  # one per shown option, language and tick: as many as the filter table allows
            start = rendered[key] = _render_option_start(group_key, option, checked, language)
        count = group.count(option.key)
        parts += (start, end) if count is None else (start, _option_count(count, language), end)
    # Each part came from a macro, which escaped every value.
    return Markup("".join(parts))  # noqa: S704  # nosec B704


def _render_option_start(group_key: str, option: FilterOption, checked: bool, language: str | None) -> str:
    text = label_text(option.label, language)
    values = {"key": option.key, "id": f"f-{group_key}-{option.key}", "text": text, "checked": checked}
    return str(_option_macros().filter_option_start(group_key, values))


@lru_cache(maxsize=20_000)
def _option_count(count: int, language: str | None) -> str:  # `language` is the active one: a cache key
    return str(_option_macros().option_count(count, *program_words()))


@lru_cache(maxsize=1)
def _option_end() -> str:
    return str(_option_macros().filter_option_end())


def _option_macros() -> Any:
    return engines["jinja2"].env.get_template("directory/_filter_option.html").module  # type: ignore[attr-defined]


def results_count(result: SearchResult, location: Location) -> str:
    shown = number_format(result.total, force_grouping=True)
    if location.point:
        return ngettext(
            "%(shown)s program within %(miles)s miles", "%(shown)s programs within %(miles)s miles", result.total
        ) % {"shown": shown, "miles": result.query.radius_miles}
    return ngettext("%(shown)s program in %(place)s", "%(shown)s programs in %(place)s", result.total) % {
        "shown": shown,
        "place": location.label,
    }


def without_choice(dropped: DroppedFilter, state_label: str) -> str:
    """A way out of an empty result: "Without Medicaid: 12 programs" (in the state, when none are near)."""
    if dropped.in_state:
        return ngettext(
            "Without %(choice)s: %(count)s program in %(state)s",
            "Without %(choice)s: %(count)s programs in %(state)s",
            dropped.count,
        ) % {"choice": dropped.label, "count": dropped.count, "state": state_label}
    return ngettext(
        "Without %(choice)s: %(count)s program", "Without %(choice)s: %(count)s programs", dropped.count
    ) % {
        "choice": dropped.label,
        "count": dropped.count,
    }


def telehealth_in_state(count: int, state_label: str) -> str:
    return ngettext(
        "%(count)s program in %(state)s offers telehealth", "%(count)s programs in %(state)s offer telehealth", count
    ) % {"count": count, "state": state_label}


def see_level_instead(option: PanelOption) -> str:
    """Another level of care that has programs here: "See Outpatient instead (40 programs)"."""
    count = option.count or 0  # offered only for options with a count
    return ngettext(
        "See %(level)s instead (%(count)s program)", "See %(level)s instead (%(count)s programs)", count
    ) % {"level": option.text, "count": count}


TEMPLATE_GLOBALS = {
    function.__name__: function
    for function in (
        search_url, field_label, program_words, results_count, without_choice, telehealth_in_state,
        see_level_instead, result_cards, filter_options, radius_options,
    )
}  # fmt: skip
