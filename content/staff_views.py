"""The guide in the back office: list, write, edit, see the history, and sign off as clinical reviewer."""

import difflib

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from content.forms import ArticleForm, NewArticleForm, ReviewForm
from content.models import EDITABLE_FIELDS, Article, ArticleRevision
from content.services import article_create, article_mark_reviewed, article_update
from intake.staff_auth import staff_required


@staff_required("content.view_article")
def article_list(request: HttpRequest) -> HttpResponse:
    articles = Article.objects.order_by("position", "topic", "language")
    return render(request, "content/staff/article_list.html", {"articles": articles})


@staff_required("content.add_article")
def article_new(request: HttpRequest) -> HttpResponse:
    form = NewArticleForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        fields = {name: form.cleaned_data[name] for name in EDITABLE_FIELDS}
        article = article_create(
            editor=request.user,  # type: ignore[arg-type]
            topic=form.cleaned_data["topic"],
            language=form.cleaned_data["language"],
            **fields,
        )
        messages.success(request, _("Article saved."))
        return redirect("content_staff:edit", article.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "content/staff/article_form.html", {"form": form}, status=status)


@staff_required("content.change_article")
def article_edit(request: HttpRequest, pk: int) -> HttpResponse:
    article = get_object_or_404(Article, pk=pk)
    # The form works on a copy, so a rejected form leaves the article as stored for the service to compare.
    form = ArticleForm(request.POST or None, instance=Article.objects.get(pk=pk))
    if request.method == "POST" and form.is_valid():
        # The service compares each field with what is stored and keeps a revision of those that differ.
        changed = article_update(article=article, editor=request.user, **form.cleaned_data)  # type: ignore[arg-type]
        messages.success(request, _("Article saved.") if changed else _("Nothing had changed; nothing was saved."))
        return redirect("content_staff:edit", article.pk)
    context = {"form": form, "article": article, "review_form": ReviewForm()}
    return render(request, "content/staff/article_form.html", context, status=400 if form.errors else 200)


@staff_required("content.review_article")
@require_POST
def article_review(request: HttpRequest, pk: int) -> HttpResponse:
    article = get_object_or_404(Article, pk=pk)
    form = ReviewForm(request.POST)
    if form.is_valid():
        article_mark_reviewed(
            article=article,
            reviewer=request.user,  # type: ignore[arg-type]
            reviewer_name=form.cleaned_data["reviewer_name"],
        )
        messages.success(request, _("Marked as clinically reviewed today."))
    else:
        messages.error(request, _("Give your name as it should appear on the page."))
    return redirect("content_staff:edit", article.pk)


def _diff(before: str, after: str) -> str:
    lines = difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=1)
    return "\n".join(list(lines)[2:])  # without the ---/+++ header


@staff_required("content.view_article")
def article_history(request: HttpRequest, pk: int) -> HttpResponse:
    article = get_object_or_404(Article, pk=pk)
    revisions = list(article.revisions.all())
    entries = []
    for revision, previous in zip(revisions, [*revisions[1:], None], strict=True):
        entries.append({"revision": revision, "changes": _changes(revision, previous)})
    return render(request, "content/staff/article_history.html", {"article": article, "entries": entries})


def _changes(revision: ArticleRevision, previous: ArticleRevision | None) -> list[tuple[str, str]]:
    before = previous.snapshot if previous else {}
    return [
        (field, _diff(str(before.get(field, "")), str(revision.snapshot.get(field, ""))))
        for field in revision.changed_fields
    ]
