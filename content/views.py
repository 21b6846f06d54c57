from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import translation
from django.utils.safestring import mark_safe
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from content.forms import SelfCheckForm
from content.markdown import sanitise
from content.models import Article
from content.selectors import other_language_version, published_articles
from content.self_check import QUESTIONS, outcome_for, signals_danger
from content.structured_data import article_json_ld


def guide_index(request: HttpRequest) -> HttpResponse:
    articles = published_articles(translation.get_language() or "en")
    return render(request, "content/guide_index.html", {"articles": articles})


def article_detail(request: HttpRequest, slug: str) -> HttpResponse:
    article = get_object_or_404(Article, slug=slug, published=True)
    other = other_language_version(article)
    # The page speaks the article's language throughout; the language button leads to the other version.
    with translation.override(article.language):
        context = {
            "article": article,
            "other": other,
            # Sanitised again when shown, in case a row was changed outside the back office.
            "body_html": mark_safe(sanitise(article.body_html)),  # noqa: S308  # nosec B308, B703
            "faq_html": mark_safe(sanitise(article.faq_html)),  # noqa: S308  # nosec B308, B703
            "references_html": mark_safe(sanitise(article.references_html)),  # noqa: S308  # nosec B308, B703
            "json_ld": article_json_ld(article, request.build_absolute_uri(article.get_absolute_url())),
            "page_url": request.build_absolute_uri(article.get_absolute_url()),
            "other_url": request.build_absolute_uri(other.get_absolute_url()) if other else "",
        }
        response = render(request, "content/article.html", context)
    response["Content-Language"] = article.language  # the locale middleware only sets it when it is missing
    return response


@never_cache
@require_http_methods(["GET", "POST"])
def self_check(request: HttpRequest) -> HttpResponse:
    """The answers arrive by POST and live only in this request: nothing is stored, logged or redirected."""
    if request.method != "POST":
        return render(request, "content/self_check.html", {"form": SelfCheckForm(), "questions": QUESTIONS})
    if signals_danger(request.POST):
        return render(request, "content/self_check_danger.html")
    form = SelfCheckForm(request.POST)
    if not form.is_valid():
        return render(request, "content/self_check.html", {"form": form, "questions": QUESTIONS}, status=400)
    return render(request, "content/self_check_result.html", {"outcome": outcome_for(form.cleaned_data)})
