"""The Jinja2 environment of the search page's body (directory/jinja2/), the site's hottest templates.

Every other page is a Django template. The results page renders its form,
about seventy filter checkboxes and the results around the cards for every
new search: through Django's template engine 4.2 ms, through Jinja2, which
compiles templates to Python, 2.4 ms (the same 20-card page, best of 7 runs),
and the checkboxes no longer need markup in Python f-strings. The cards stay
in directory/templatetags/search_widgets.py: as a Jinja2 macro they cost
2.7 ms a page against 0.9 ms.

Translations: templates say `_("text")`, optionally `|format(name=value)` for
placeholders, which Django's `makemessages` finds as it finds `{% translate %}`
(it reads `_("...")` in any template). Plural sentences come from small
Python functions (directory/search_words.py), where `ngettext` is found too.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from django.conf import settings
from django.contrib.humanize.templatetags.humanize import intcomma
from django.http import HttpRequest
from django.template.defaultfilters import urlencode
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.translation import get_language, gettext, ngettext
from django.utils.translation.trans_real import translation
from jinja2 import Environment

from api import export_links
from directory import search_words


def url(name: str, *args: object) -> str:
    """reverse(name, args=args), worked out once per process for each (URL configuration, prefix, name, args).

    A results page asks for the same few addresses every time; each reverse() cost a tenth of its body.
    """
    return _reversed(get_urlconf() or settings.ROOT_URLCONF, get_script_prefix(), name, args)


@lru_cache(maxsize=1024)
def _reversed(urlconf: str, prefix: str, name: str, args: tuple[object, ...]) -> str:
    return reverse(name, urlconf=urlconf, args=args)


def render_bindings(request: HttpRequest) -> dict[str, Any]:
    """`_` and `url` for one render, bound once to what they would look up on every call (a context processor).

    Django's `gettext` looks the active language up on each call, which cost three times the translation
    itself over the eighty-odd sentences of a results page; `url` read the URL configuration and script
    prefix, two thread-local look-ups, for each of its addresses. The catalog is the one Django's `gettext`
    would use; without an active language (translations deactivated) the global `_` stays.
    """
    urlconf, prefix = get_urlconf() or settings.ROOT_URLCONF, get_script_prefix()

    def bound_url(name: str, *args: object) -> str:
        return _reversed(urlconf, prefix, name, args)

    language = get_language()
    return {"url": bound_url, "_": translation(language).gettext} if language else {"url": bound_url}


def environment(**options: Any) -> Environment:
    options.pop("autoescape", None)  # always on, whatever the settings say: every value is escaped
    env = Environment(autoescape=True, **options)
    # Old-style callables: `_()` returns the plain translation and escaping happens on output, as in Django.
    env.install_gettext_callables(gettext, ngettext, newstyle=False)  # type: ignore[attr-defined]
    # Django's own gettext as `_`: the extension's `_` looks `gettext` up in the template's context on every
    # call and, inside a loop, copies the context first: a third of the cards' time when they were a macro.
    env.globals["_"] = gettext
    env.globals.update(
        url=url,
        **search_words.TEMPLATE_GLOBALS,
        **export_links.TEMPLATE_GLOBALS,
    )
    env.filters.update(intcomma=intcomma, urlencode=urlencode)
    return env
