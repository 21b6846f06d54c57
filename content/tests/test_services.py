"""Every save renders, sanitises and keeps a revision of who changed what; the review is a revision too."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from content.models import Article
from content.services import article_create, article_mark_reviewed, article_update

pytestmark = pytest.mark.django_db


def new_article(editor, **overrides) -> Article:
    fields = {
        "title": "A test article",
        "slug": "a-test-article",
        "summary": "Short.",
        "body": "Hello <script>alert(1)</script> world. [1]",
        "references": "1. A source.",
        "author": "Editorial team",
        "published": False,
    }
    return article_create(editor=editor, topic="test-topic", language="en", **{**fields, **overrides})


def test_creating_an_article_renders_safe_html_and_keeps_a_first_revision(editor):
    article = new_article(editor)
    assert "<script" not in article.body_html
    assert 'href="#ref-1"' in article.body_html
    revision = article.revisions.get()
    assert revision.editor == editor
    assert revision.editor_name == "erin.editor"
    assert "body" in revision.changed_fields
    assert revision.snapshot["title"] == "A test article"


def test_an_edit_keeps_a_revision_naming_only_the_fields_that_changed(editor, clinical_reviewer):
    article = new_article(editor)
    before = article.updated_at
    changed = article_update(article=article, editor=clinical_reviewer, title="A better title", summary="Short.")
    assert changed == ["title"]
    latest = article.revisions.all()[0]
    assert latest.changed_fields == ["title"]
    assert latest.editor_name == "cora.clinician"
    assert latest.snapshot["title"] == "A better title"
    assert article.revisions.count() == 2
    assert Article.objects.get(pk=article.pk).updated_at > before


def test_an_edit_that_changes_nothing_saves_nothing(editor):
    article = new_article(editor)
    assert article_update(article=article, editor=editor, title=article.title) == []
    assert article.revisions.count() == 1


def test_publishing_is_an_edit_with_its_revision(editor):
    article = new_article(editor)
    article_update(article=article, editor=editor, published=True)
    assert Article.objects.get(pk=article.pk).published
    assert article.revisions.all()[0].changed_fields == ["published"]


def test_an_invalid_edit_is_refused_and_nothing_is_stored(editor):
    article = new_article(editor)
    with pytest.raises(ValidationError):
        article_update(article=article, editor=editor, slug="not a slug!")
    stored = Article.objects.get(pk=article.pk)
    assert stored.slug == "a-test-article"
    assert stored.revisions.count() == 1


def test_fields_outside_the_editable_set_cannot_be_changed_by_an_edit(editor):
    article = new_article(editor)
    with pytest.raises(TypeError):
        article_update(article=article, editor=editor, clinical_reviewer="Dr. Nobody")


def test_marking_reviewed_records_the_name_and_date_as_a_revision(editor, clinical_reviewer):
    article = new_article(editor)
    article_mark_reviewed(
        article=article,
        reviewer=clinical_reviewer,
        reviewer_name=" Cora Clinician, LCSW ",
        on=datetime.date(2026, 3, 2),
    )
    stored = Article.objects.get(pk=article.pk)
    assert stored.clinical_reviewer == "Cora Clinician, LCSW"
    assert stored.last_reviewed == datetime.date(2026, 3, 2)
    revision = stored.revisions.all()[0]
    assert revision.changed_fields == ["clinical_reviewer", "last_reviewed"]
    assert revision.snapshot["last_reviewed"] == "2026-03-02"
