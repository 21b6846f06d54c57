from django.contrib.sitemaps import Sitemap
from django.db.models import QuerySet
from django.urls import reverse

from content.models import Article


class GuidePagesSitemap(Sitemap):
    def items(self) -> list[str]:
        return ["content:index", "content:self-check"]

    def location(self, item: str) -> str:
        return reverse(item)


class ArticlesSitemap(Sitemap):
    def items(self) -> QuerySet[Article]:
        return Article.objects.filter(published=True).order_by("pk").only("slug", "updated_at")

    def lastmod(self, item: Article):
        return item.updated_at


GUIDE_SITEMAPS = {"guide": GuidePagesSitemap, "articles": ArticlesSitemap}
