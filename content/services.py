"""Every write to an article goes through here, so each one renders, sanitises and keeps a revision."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils import timezone

from content.markdown import render_body, render_references
from content.models import EDITABLE_FIELDS, REVIEW_FIELDS, Article, ArticleRevision
from content.seed import SEED_EDITOR

if TYPE_CHECKING:
    from django.contrib.auth.models import User


def _render(article: Article) -> None:
    article.body_html = render_body(article.body)
    article.faq_html = render_body(article.faq)
    article.references_html = render_references(article.references)


def _snapshot(article: Article) -> dict[str, Any]:
    values = {field: getattr(article, field) for field in (*EDITABLE_FIELDS, *REVIEW_FIELDS)}
    values["last_reviewed"] = article.last_reviewed.isoformat() if article.last_reviewed else None
    return values


def _keep_revision(article: Article, editor: User | None, changed: list[str]) -> ArticleRevision:
    return ArticleRevision.objects.create(
        article=article,
        editor=editor,
        editor_name=editor.get_username() if editor else SEED_EDITOR,
        changed_fields=changed,
        snapshot=_snapshot(article),
    )


@transaction.atomic
def article_create(*, editor: User | None, topic: str, language: str, **fields: Any) -> Article:
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"not editable: {sorted(unknown)}")
    article = Article(topic=topic, language=language, updated_at=timezone.now(), **fields)
    article.full_clean()
    _render(article)
    article.save()
    _keep_revision(article, editor, sorted(fields))
    return article


@transaction.atomic
def article_update(*, article: Article, editor: User | None, **changes: Any) -> list[str]:
    """Apply the changes; returns the fields that really changed (none: nothing saved, no revision)."""
    unknown = set(changes) - set(EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"not editable: {sorted(unknown)}")
    changed = sorted(field for field, value in changes.items() if getattr(article, field) != value)
    if not changed:
        return []
    for field in changed:
        setattr(article, field, changes[field])
    article.updated_at = timezone.now()
    article.full_clean()
    _render(article)
    article.save()
    _keep_revision(article, editor, changed)
    return changed


@transaction.atomic
def article_mark_reviewed(
    *, article: Article, reviewer: User, reviewer_name: str, on: datetime.date | None = None
) -> Article:
    """A clinical reviewer's sign-off: their public name and the date, kept as a revision too."""
    article.clinical_reviewer = reviewer_name.strip()
    article.last_reviewed = on or timezone.localdate()
    article.full_clean()
    article.save(update_fields=list(REVIEW_FIELDS))
    _keep_revision(article, reviewer, list(REVIEW_FIELDS))
    return article
