"""The Jinja2 environment of the search page's body (directory/jinja2/), the site's hottest templates.

Every other page is a Django template. The results page renders about seventy
filter checkboxes and twenty result cards for every new search; through
Django's template engine that took longer than the search itself (see
bench/page_load.py), and the workaround, markup in Python f-strings, hid HTML
from the templates. Jinja2 compiles templates to Python and keeps them
readable.

Translations: templates say `_("text")`, optionally `|format(name=value)` for
placeholders, which Django's `makemessages` finds as it finds `{% translate %}`
(it reads `_("...")` in any template). Plural sentences come from small
Python functions (directory/search_words.py), where `ngettext` is found too.
"""

from __future__ import annotations

from typing import Any

from django.contrib.humanize.templatetags.humanize import intcomma
from django.template.defaultfilters import urlencode
from django.templatetags.static import static
from django.urls import reverse
from django.utils.translation import get_language, gettext, ngettext
from jinja2 import Environment

from api import export_links
from directory import search_words


def url(name: str, *args: object) -> str:
    return reverse(name, args=args)


def environment(**options: Any) -> Environment:
    options.pop("autoescape", None)  # always on, whatever the settings say: every value is escaped
    env = Environment(autoescape=True, **options)
    # Old-style callables: `_()` returns the plain translation and escaping happens on output, as in Django.
    env.install_gettext_callables(gettext, ngettext, newstyle=False)  # type: ignore[attr-defined]
    # Django's own gettext as `_`: the extension's `_` looks `gettext` up in the template's context on every call
    # and, inside a loop, copies the context first, which made a page of cards four times slower.
    env.globals["_"] = gettext
    env.globals.update(
        url=url,
        static=static,
        get_language=get_language,
        **search_words.TEMPLATE_GLOBALS,
        **export_links.TEMPLATE_GLOBALS,
    )
    env.filters.update(intcomma=intcomma, urlencode=urlencode)
    return env
