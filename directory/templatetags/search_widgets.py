"""The search page's repeated bits, built in Python.

The filter panel has about seventy checkboxes and a page twenty result cards;
rendered through template loops (or format_html, whose lazy-string checks run
for every argument) they took most of a results page's time, several times
the search itself (see bench/page_load.py). Here every value from the data or
a translation goes through `escape` once, and the markup is plain f-strings.
"""

from __future__ import annotations

from html import escape

from django import template
from django.utils.formats import number_format
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

from directory.forms import PanelGroup
from directory.phones import parse_phone
from directory.search.filters import FilterOption, label_text
from directory.search.selector import Hit

register = template.Library()


@register.simple_tag
def filter_checkboxes(group: PanelGroup) -> SafeString:
    language = get_language()
    # Singular and plural once per page ("1 program", "2 programs"; "1 programa" in Spanish).
    one, many = escape(ngettext("program", "programs", 1)), escape(ngettext("program", "programs", 2))
    rows = []
    for option in group.options:
        count = (
            f' <span class="count">({option.count}<span class="visually-hidden">'
            f" {one if option.count == 1 else many}</span>)</span>"
            if option.count is not None
            else ""
        )
        checked = " checked" if option.checked else ""
        label = escape(label_text(option.label, language))
        rows.append(
            f'<div class="check"><input type="checkbox" name="{escape(group.key)}" value="{escape(option.key)}"'
            f' id="{escape(option.id)}"{checked}><label for="{escape(option.id)}">{label}{count}</label></div>'
        )
    return mark_safe("\n".join(rows))  # noqa: S308 (every value above is escaped)  # nosec B308, B703


@register.simple_tag
def result_cards(hits: list[Hit]) -> SafeString:
    """The list items of a page of results: name, distance, address, main services, call and details."""
    words = _CardWords()
    return mark_safe("\n".join(words.card(hit) for hit in hits))  # noqa: S308 (escaped in card)  # nosec B308, B703


class _CardWords:
    """What every card of one page says alike, translated and escaped once for the page."""

    def __init__(self) -> None:
        self.language = get_language()
        self.main_services = escape(_("Main services"))
        self.miles_away = _("%(miles)s miles away")
        self.call = _("Call %(number)s")
        self.view_details = escape(_("View details"))

    def tag_list(self, tags: list[FilterOption]) -> str:
        if not tags:
            return ""
        items = "".join(f"<li>{escape(label_text(tag.label, self.language))}</li>" for tag in tags)
        return f'<ul class="tags" aria-label="{self.main_services}">{items}</ul>'

    def card(self, hit: Hit) -> str:
        facility = hit.facility
        url = escape(facility.get_absolute_url())
        name = escape(facility.name)
        parts = [
            f'<li class="hit" data-lat="{facility.latitude!r}" data-lon="{facility.longitude!r}">',
            f'<h3><a href="{url}">{name}</a></h3>',
        ]
        if facility.program_name:
            parts.append(f'<p class="program">{escape(facility.program_name)}</p>')
        distance = hit.distance_miles
        if distance is not None:
            miles = escape(self.miles_away % {"miles": number_format(round(distance, 1), 1)})
            parts.append(f'<p class="distance">{miles}</p>')
        street = ", ".join(part for part in (facility.street1, facility.street2) if part)
        address = f"{street}, {facility.city}, {facility.state} {facility.zip_code}"
        parts += [f"<address>{escape(address)}</address>", self.tag_list(hit.tags), '<p class="hit-actions">']
        phone = parse_phone(facility.phone or "")
        if phone.tel:
            call = escape(self.call % {"number": phone.display})
            parts.append(f'<a class="call" href="{escape(phone.tel)}">{call}</a>')
        details = f'{self.view_details}<span class="visually-hidden">: {name}</span>'
        parts.append(f'<a class="details" href="{url}">{details}</a></p></li>')
        return "".join(parts)
