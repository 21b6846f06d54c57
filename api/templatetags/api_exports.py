from django import template
from django.conf import settings
from django.http import HttpRequest

register = template.Library()


@register.inclusion_tag("api/_export_links_body.html", takes_context=True)
def export_links(context: template.Context) -> dict[str, object]:
    """Download links for the search on the page, or why there are none (too many results)."""
    request: HttpRequest = context["request"]
    query = request.GET.copy()
    query.pop("page", None)
    result = context.get("result")
    return {
        "total": result.total if result else 0,
        "cap": settings.API_EXPORT_MAX_ROWS,
        "query": query.urlencode(),
    }
