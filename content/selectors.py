from django.db.models import QuerySet

from content.models import Article


def published_articles(language: str) -> QuerySet[Article]:
    return Article.objects.filter(published=True, language=language).only(
        "slug", "title", "summary", "position", "updated_at", "language"
    )


def other_language_version(article: Article) -> Article | None:
    return Article.objects.filter(topic=article.topic, published=True).exclude(language=article.language).first()
