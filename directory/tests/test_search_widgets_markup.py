"""The filter groups and the distance choices, built in Python, are the bytes the template loops they replace gave."""

import pytest
from django.http import QueryDict
from django.template import Context, Template
from django.utils import translation

from directory.forms import SearchForm, filter_panel
from directory.search import search_facilities
from directory.search.location import Location
from directory.templatetags.search_widgets import filter_group_panels, radius_options

pytestmark = pytest.mark.django_db

# The template loops as they were, kept here as the reference the tags must match.
GROUPS_LOOP = Template(
    "{% load search_widgets %}"
    "{% for group in panel %}\n"
    '  <details class="filter-group"{% if group.any_checked or home and group.main %} open{% endif %}>\n'
    "    <summary>{{ group.label }}</summary>\n"
    '    <fieldset aria-describedby="filters-rule">\n'
    '      <legend class="visually-hidden">{{ group.label }}</legend>\n'
    '      {% if group.key == "care" %}<input type="hidden" name="care" value="">{% endif %}\n'
    "      {% filter_checkboxes group %}\n"
    "    </fieldset>\n"
    "  </details>\n"
    "  {% endfor %}"
)
RADIUS_LOOP = Template(
    "{% for value, label in form.fields.radius.choices %}\n"
    '      <option value="{{ value }}"'
    '{% if value|stringformat:"s" == form.data.radius|default:"25" %} selected{% endif %}>'
    "{{ label }}</option>\n"
    "      {% endfor %}"
)
QUERIES = [
    "where=77002&radius=10&pay=medicaid&care=iop&care=partial",
    "where=Houston%2C+TX&radius=100&serves=women&lang=spanish",
    "where=77002&radius=",
    "where=77002&radius=abc",
    "where=77002",
]


@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize("query", QUERIES)
def test_the_filter_groups_are_the_markup_of_the_template_loop(query, language):
    with translation.override(language):
        form = SearchForm(QueryDict(query))
        facets = None
        if form.is_valid():
            location = form.location()
            if isinstance(location, Location):
                facets = search_facilities(form.search_query(location)).facets
        panel = filter_panel(form, facets)
        for home in (False, True):
            expected = GROUPS_LOOP.render(Context({"panel": panel, "home": home}))
            assert str(filter_group_panels(panel, home)) == expected
        assert any(group.any_checked for group in panel) or "care" not in query


@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize("query", [*QUERIES, None])
def test_the_distance_choices_are_the_markup_of_the_template_loop(query, language):
    with translation.override(language):
        form = SearchForm(QueryDict(query) if query is not None else None)
        expected = RADIUS_LOOP.render(Context({"form": form}))
        assert str(radius_options(form)) == expected
        # An unknown distance selects none, and the browser shows the first.
        assert (" selected>" in expected) == (query is None or "radius=abc" not in query)


def test_the_home_page_opens_the_main_groups_and_a_results_page_the_chosen_ones():
    panel = filter_panel(SearchForm(QueryDict("where=77002&pay=medicaid")))
    on_results, on_home = str(filter_group_panels(panel)), str(filter_group_panels(panel, True))
    assert '"filter-group" open>\n    <summary>Payment' in on_results
    assert on_results.count(" open>") == sum(1 for group in panel if group.any_checked)
    assert on_home.count(" open>") == sum(1 for group in panel if group.main or group.any_checked)
