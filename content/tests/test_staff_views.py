"""The guide in the back office: who may see, write, and sign off articles, and the history each save leaves."""

import pytest
from django.test import Client

from content.models import Article
from content.roles import CLINICAL_REVIEWER, EDITOR
from intake.tests.conftest import signed_in_with_both_factors, staff_member

pytestmark = pytest.mark.django_db


def form_data(article: Article, **changes) -> dict:
    fields = ["title", "slug", "summary", "body", "faq", "references", "author", "position"]
    data = {name: getattr(article, name) for name in fields}
    if article.published:
        data["published"] = "on"
    return {**data, **changes}


@pytest.fixture
def article() -> Article:
    return Article.objects.get(topic="what-is-iop", language="en")


@pytest.mark.parametrize("url", ["/staff/guide/", "/staff/guide/new/", "/staff/guide/1/", "/staff/guide/1/history/"])
def test_an_anonymous_visitor_is_sent_to_the_staff_sign_in(client, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith("/staff/login/")


def test_a_staff_member_without_a_guide_role_is_refused(db):
    outsider = signed_in_with_both_factors(staff_member("otto.outsider", None))
    assert outsider.get("/staff/guide/").status_code == 403


def test_a_password_alone_is_not_enough(editor):
    client = Client()
    client.force_login(editor)  # no second factor
    assert client.get("/staff/guide/").status_code == 302


def test_an_editor_sees_every_article_in_both_languages(editor_client):
    html = editor_client.get("/staff/guide/").content.decode()
    assert html.count("/staff/guide/") >= Article.objects.count()
    assert "Guide articles" in html


def test_an_editor_edits_an_article_and_the_public_page_and_history_follow(editor_client, article, client):
    response = editor_client.post(f"/staff/guide/{article.pk}/", form_data(article, title="IOP, explained plainly"))
    assert response.status_code == 302
    assert "IOP, explained plainly" in client.get(article.get_absolute_url()).content.decode()
    revision = article.revisions.all()[0]
    assert revision.editor_name == "erin.editor" and revision.changed_fields == ["title"]
    history = editor_client.get(f"/staff/guide/{article.pk}/history/").content.decode()
    assert "erin.editor" in history and "+IOP, explained plainly" in history


def test_an_editor_can_unpublish_and_the_page_goes(editor_client, article, client):
    data = form_data(article)
    data.pop("published")
    editor_client.post(f"/staff/guide/{article.pk}/", data)
    assert client.get(article.get_absolute_url()).status_code == 404


def test_a_broken_edit_gets_the_form_back_and_keeps_what_was_stored(editor_client, article):
    response = editor_client.post(f"/staff/guide/{article.pk}/", form_data(article, title="", slug="bad slug"))
    assert response.status_code == 400
    assert "There is a problem" in response.content.decode()
    stored = Article.objects.get(pk=article.pk)
    assert stored.title == article.title and stored.slug == article.slug
    assert stored.revisions.count() == 1


def test_script_typed_by_an_editor_never_reaches_the_public_page(editor_client, article, client):
    hostile = article.body + '\n\n<script>alert("x")</script> [x](javascript:alert(1)) <img src=x onerror=alert(1)>'
    editor_client.post(f"/staff/guide/{article.pk}/", form_data(article, body=hostile))
    html = client.get(article.get_absolute_url()).content.decode()
    assert '<script>alert("x")' not in html
    assert 'href="javascript:' not in html
    assert "<img" not in html


def test_an_editor_writes_a_new_article(editor_client, client):
    data = {
        "topic": "new-topic",
        "language": "en",
        "title": "A new article",
        "slug": "a-new-article",
        "summary": "Short.",
        "body": "Plain words. [1]",
        "references": "1. A source.",
        "author": "Editorial team",
        "position": "50",
        "published": "on",
    }
    response = editor_client.post("/staff/guide/new/", data)
    assert response.status_code == 302
    assert "A new article" in client.get("/guide/a-new-article/").content.decode()
    assert editor_client.post("/staff/guide/new/", data).status_code == 400  # the address is taken


def test_an_editor_cannot_sign_off_a_clinical_review(editor_client, article):
    response = editor_client.post(f"/staff/guide/{article.pk}/review/", {"reviewer_name": "Erin"})
    assert response.status_code == 403
    assert Article.objects.get(pk=article.pk).last_reviewed is None


def test_a_clinical_reviewer_signs_off_and_the_page_and_json_ld_name_them(clinical_reviewer_client, article, client):
    response = clinical_reviewer_client.post(
        f"/staff/guide/{article.pk}/review/", {"reviewer_name": "Cora Clinician, LCSW"}
    )
    assert response.status_code == 302
    html = client.get(article.get_absolute_url()).content.decode()
    assert "Cora Clinician, LCSW, last reviewed" in html
    assert '"reviewedBy": {"@type": "Person", "name": "Cora Clinician, LCSW"}' in html
    assert article.revisions.all()[0].editor_name == "cora.clinician"


def test_the_roles_exist_after_migrate_and_admins_hold_both(roles_exist, db):
    admin = signed_in_with_both_factors(staff_member("ada.admin", "admin"))
    assert admin.get("/staff/guide/").status_code == 200
    reviewer = staff_member("carl.reviewer", CLINICAL_REVIEWER)
    editor = staff_member("ed.editor", EDITOR)
    assert reviewer.has_perm("content.review_article") and not editor.has_perm("content.review_article")


def test_saving_the_form_untouched_as_a_browser_sends_it_changes_nothing(editor_client, article):
    data = {
        name: value.replace("\n", "\r\n") if isinstance(value, str) else value
        for name, value in form_data(article).items()
    }
    editor_client.post(f"/staff/guide/{article.pk}/", data)
    stored = Article.objects.get(pk=article.pk)
    assert stored.revisions.count() == 1
    assert stored.updated_at == article.updated_at
