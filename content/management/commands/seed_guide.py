from typing import Any

from django.core.management.base import BaseCommand

from content.models import Article, ArticleRevision
from content.seed import load_seed_articles


class Command(BaseCommand):
    help = (
        "Add the guide's shipped articles that the database lacks; articles already there are left as staff left them."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        added = load_seed_articles(Article, ArticleRevision)
        self.stdout.write(f"Guide: {added} article(s) added.")
