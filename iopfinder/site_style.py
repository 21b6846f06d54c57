"""The site's style sheet, written into the head of every page.

On a weak phone signal every request waits out the connection's latency
before its first byte: a linked style sheet is a second round trip (400 ms at
the latency bench/slow_phone.py emulates) before anything can be painted. The
whole sheet is 13 KB, 3.6 KB compressed, so each page carries it instead,
allowed by the Content-Security-Policy nonce of its own response.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from django import template
from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.exceptions import ImproperlyConfigured
from django.utils.safestring import SafeString, mark_safe

SITE_CSS = "css/site.css"

register = template.Library()


@register.simple_tag
def site_css() -> SafeString:
    """The style sheet's text, for a <style> element (read once per process; on every page in development)."""
    return _read_site_css() if not settings.DEBUG else _read_site_css.__wrapped__()


@cache
def _read_site_css() -> SafeString:
    found = finders.find(SITE_CSS)
    if not found:
        raise ImproperlyConfigured(f"The style sheet {SITE_CSS} is missing from the static files.")
    css = Path(str(found)).read_text(encoding="utf-8")
    if "</" in css:  # would end the <style> element early
        raise ImproperlyConfigured(f"{SITE_CSS} may not contain '</'.")
    return mark_safe(css)  # noqa: S308 (our own style sheet, checked above)  # nosec B308, B703
