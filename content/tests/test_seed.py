"""The shipped articles: on a new database after migrate, both languages, sources for every marker,
search links that the search understands, and never loaded over staff edits."""

import re
from urllib.parse import parse_qsl, urlsplit

import pytest
from django.core.management import call_command

from content.models import Article, ArticleRevision
from content.seed import load_seed_articles, seed_articles
from content.services import article_update
from directory.search.filters import filter_groups

SEEDS = seed_articles()
LINK = re.compile(r"\]\((/[^)\s]*)\)")


def test_every_topic_ships_in_english_and_in_spanish():
    topics: dict[str, set[str]] = {}
    for seed in SEEDS:
        topics.setdefault(seed.topic, set()).add(seed.language)
    assert len(topics) >= 12
    assert all(languages == {"en", "es"} for languages in topics.values()), topics


@pytest.mark.parametrize("seed", SEEDS, ids=lambda seed: f"{seed.language}-{seed.slug}")
def test_every_reference_marker_points_at_a_listed_source(seed):
    markers = {int(number) for number in re.findall(r"\[(\d+)\]", seed.body + seed.faq)}
    listed = len(re.findall(r"^\d+\. ", seed.references, flags=re.MULTILINE))
    assert markers, "an article states facts, so it cites sources"
    assert markers <= set(range(1, listed + 1))
    assert set(range(1, listed + 1)) <= markers, "every listed source is cited somewhere"


@pytest.mark.django_db
@pytest.mark.parametrize("seed", SEEDS, ids=lambda seed: f"{seed.language}-{seed.slug}")
def test_every_search_link_uses_options_the_search_knows(seed):
    options = {group.key: set(group.options_by_key()) for group in filter_groups()}
    search_links = [link for link in LINK.findall(seed.body) if link.startswith("/search/")]
    assert search_links, "each article leads to a matching search"
    for link in search_links:
        for key, value in parse_qsl(urlsplit(link).query):
            assert value in options[key], link


@pytest.mark.django_db
def test_a_new_database_has_every_shipped_article_published_after_migrate():
    stored = set(Article.objects.filter(published=True).values_list("language", "slug"))
    assert {(seed.language, seed.slug) for seed in SEEDS} <= stored
    assert ArticleRevision.objects.filter(editor_name="seed").count() >= len(SEEDS)


@pytest.mark.django_db
def test_loading_again_adds_nothing_and_keeps_staff_edits(editor):
    article = Article.objects.get(slug=SEEDS[0].slug)
    article_update(article=article, editor=editor, title="Edited by staff")
    assert load_seed_articles(Article, ArticleRevision) == 0
    call_command("seed_guide")
    assert Article.objects.get(pk=article.pk).title == "Edited by staff"
    assert Article.objects.filter(topic=SEEDS[0].topic).count() == 2


@pytest.mark.django_db
def test_loading_puts_back_a_shipped_article_that_is_missing():
    Article.objects.filter(slug=SEEDS[0].slug).delete()
    assert load_seed_articles(Article, ArticleRevision) == 1
    restored = Article.objects.get(slug=SEEDS[0].slug)
    assert restored.title == SEEDS[0].title
    assert "<script" not in restored.body_html and restored.references_html.count("<li") >= 1
