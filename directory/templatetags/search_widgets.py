"""The search page's repeated bits, built in Python.

The filter panel has about seventy checkboxes and every result card a row of
tags; rendered through template loops they took most of a results page's
time (see bench/page_load.py). Everything here is escaped by format_html.
"""

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

register = template.Library()


@register.simple_tag
def filter_checkboxes(group: object) -> SafeString:
    programs = _("programs")
    rows = []
    for option in group.options:  # type: ignore[attr-defined]
        count = (
            format_html(
                ' <span class="count">({}<span class="visually-hidden"> {}</span>)</span>', option.count, programs
            )
            if option.count is not None
            else ""
        )
        rows.append(
            (group.key, option.key, option.id, " checked" if option.checked else "", option.id, option.label, count)  # type: ignore[attr-defined]
        )
    return format_html_join(
        "\n",
        '<div class="check"><input type="checkbox" name="{}" value="{}" id="{}"{}><label for="{}">{}{}</label></div>',
        rows,
    )


@register.simple_tag
def service_tags(tags: list) -> SafeString:
    if not tags:
        return SafeString("")
    items = format_html_join("", "<li>{}</li>", ((str(tag.label),) for tag in tags))
    return format_html('<ul class="tags" aria-label="{}">{}</ul>', _("Main services"), items)
