"""The public guide: index and article pages in both languages, hreflang, JSON-LD and the sitemap."""

import json
import re

import pytest

from content.models import Article
from content.services import article_update

pytestmark = pytest.mark.django_db
SPANISH = {"HTTP_ACCEPT_LANGUAGE": "es"}


def json_ld(html: str) -> list[dict]:
    blocks = re.findall(r'<script type="application/ld\+json"[^>]*>(.*?)</script>', html, flags=re.S)
    return [json.loads(block) for block in blocks]


def test_the_index_lists_the_published_articles_in_the_visitors_language(client):
    english = client.get("/guide/").content.decode()
    spanish = client.get("/guide/", **SPANISH).content.decode()
    for article in Article.objects.filter(published=True):
        assert (article.get_absolute_url() in english) == (article.language == "en")
        assert (article.get_absolute_url() in spanish) == (article.language == "es")
    assert '<html lang="es">' in spanish


def test_an_unpublished_article_is_not_listed_and_not_shown(client, editor):
    article = Article.objects.filter(language="en")[0]
    article_update(article=article, editor=editor, published=False)
    assert article.get_absolute_url() not in client.get("/guide/").content.decode()
    assert client.get(article.get_absolute_url()).status_code == 404


def test_an_article_links_its_other_language_version_with_hreflang(client):
    english = Article.objects.get(topic="what-is-iop", language="en")
    spanish = Article.objects.get(topic="what-is-iop", language="es")
    html = client.get(english.get_absolute_url()).content.decode()
    assert f'hreflang="es" href="http://testserver{spanish.get_absolute_url()}"' in html
    assert f'hreflang="en" href="http://testserver{english.get_absolute_url()}"' in html
    # The language button leads to the Spanish version, not back to this page.
    assert f'name="next" value="{spanish.get_absolute_url()}"' in html


def test_a_spanish_article_is_shown_in_spanish_whatever_the_visitors_language(client):
    spanish = Article.objects.get(topic="what-is-iop", language="es")
    response = client.get(spanish.get_absolute_url())
    html = response.content.decode()
    assert response["Content-Language"] == "es"
    assert '<html lang="es">' in html
    assert "Fuentes" in html and "Sources" not in html


def test_an_article_shows_its_names_dates_and_sources(client):
    article = Article.objects.get(topic="paying-for-iop", language="en")
    html = client.get(article.get_absolute_url()).content.decode()
    assert article.author in html
    assert "Not yet reviewed by a clinician" in html
    assert f'datetime="{article.updated_at:%Y-%m-%d}"' in html
    assert 'id="ref-1"' in html and 'href="#ref-1"' in html
    assert "Medicare.gov" in html


def test_an_article_carries_medical_web_page_and_faq_json_ld(client):
    article = Article.objects.get(topic="what-is-iop", language="en")
    blocks = json_ld(client.get(article.get_absolute_url()).content.decode())
    page = next(block for block in blocks if block["@type"] == "MedicalWebPage")
    assert page["name"] == article.title
    assert page["inLanguage"] == "en"
    assert page["url"].endswith(article.get_absolute_url())
    assert any("TIP 47" in citation for citation in page["citation"])
    assert "reviewedBy" not in page  # nobody has signed it off yet
    faq = next(block for block in blocks if block["@type"] == "FAQPage")
    assert faq["mainEntity"][0]["@type"] == "Question"
    assert faq["mainEntity"][0]["acceptedAnswer"]["text"]


def test_an_article_without_questions_has_no_faq_json_ld(client):
    article = Article.objects.get(topic="levels-of-care", language="en")
    assert article.faq.strip() == ""
    types = [block["@type"] for block in json_ld(client.get(article.get_absolute_url()).content.decode())]
    assert types == ["MedicalWebPage"]


def test_a_title_cannot_break_out_of_the_json_ld_script(client, editor):
    article = Article.objects.get(topic="what-is-iop", language="en")
    article_update(article=article, editor=editor, title="</script><script>alert(1)</script>")
    html = client.get(article.get_absolute_url()).content.decode()
    assert "<script>alert(1)" not in html
    assert json_ld(html)[0]["name"] == "</script><script>alert(1)</script>"


def test_html_changed_in_the_database_is_sanitised_again_when_shown(client):
    article = Article.objects.get(topic="what-is-iop", language="en")
    Article.objects.filter(pk=article.pk).update(body_html='<p onclick="steal()">Hi</p><script>alert(1)</script>')
    html = client.get(article.get_absolute_url()).content.decode()
    assert "steal()" not in html and "alert(1)" not in html


def test_the_sitemap_lists_every_published_article_the_guide_and_the_self_check(client):
    index = client.get("/sitemap.xml").content.decode()
    assert "sitemap-articles.xml" in index and "sitemap-guide.xml" in index
    articles = client.get("/sitemap-articles.xml").content.decode()
    for article in Article.objects.filter(published=True):
        assert f"http://testserver{article.get_absolute_url()}</loc>" in articles
    pages = client.get("/sitemap-guide.xml").content.decode()
    assert "/guide/</loc>" in pages and "/self-check/</loc>" in pages


def test_an_unknown_article_is_a_plain_404(client):
    assert client.get("/guide/no-such-article/").status_code == 404
