from django import template
from django.http import HttpRequest

from directory.search_links import search_path

register = template.Library()


@register.simple_tag(takes_context=True)
def search_url(context: template.Context, **changes: object) -> str:
    """This search's URL with some parameters changed (None drops one), e.g. `{% search_url page=2 %}`."""
    request: HttpRequest = context["request"]
    return search_path(request.GET, {key: None if value is None else [str(value)] for key, value in changes.items()})


@register.filter
def field_label(form: object, name: str) -> object:
    fields = getattr(form, "fields", {})
    return fields[name].label if name in fields else name


@register.filter
def state_page_slug(code: str) -> str:
    from directory.search.states import STATE_NAMES, state_slug

    return state_slug(code) if code in STATE_NAMES else ""
