"""The guide's first articles, from the Markdown files in content/articles/<language>/.

Each file starts with "key: value" lines (topic, slug, position, title,
summary), then a blank line and the body; "=== faq ===" and
"=== references ===" lines start those parts. Loading adds the articles a
database lacks and never touches one that exists, so staff edits stay.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.utils import timezone

from content.markdown import render_body, render_references
from content.models import EDITABLE_FIELDS

ARTICLES_DIR = Path(__file__).resolve().parent / "articles"
AUTHOR = "IOP Finder editorial team"
SEED_EDITOR = "seed"
_PARTS = {"=== faq ===": "faq", "=== references ===": "references"}


@dataclass
class SeedArticle:
    language: str
    topic: str
    slug: str
    position: int
    title: str
    summary: str
    parts: dict[str, str] = field(default_factory=dict)

    @property
    def body(self) -> str:
        return self.parts.get("body", "")

    @property
    def faq(self) -> str:
        return self.parts.get("faq", "")

    @property
    def references(self) -> str:
        return self.parts.get("references", "")


def parse_seed_file(path: Path, language: str) -> SeedArticle:
    header, _, rest = path.read_text(encoding="utf-8").partition("\n\n")
    meta = dict(line.split(": ", 1) for line in header.strip().splitlines())
    parts: dict[str, list[str]] = {"body": []}
    current = "body"
    for line in rest.splitlines():
        if line.strip() in _PARTS:
            current = _PARTS[line.strip()]
            parts[current] = []
        else:
            parts[current].append(line)
    return SeedArticle(
        language=language,
        topic=meta["topic"],
        slug=meta["slug"],
        position=int(meta["position"]),
        title=meta["title"],
        summary=meta["summary"],
        parts={name: "\n".join(lines).strip() for name, lines in parts.items()},
    )


def seed_articles() -> list[SeedArticle]:
    return [
        parse_seed_file(path, language_dir.name)
        for language_dir in sorted(ARTICLES_DIR.iterdir())
        if language_dir.is_dir()
        for path in sorted(language_dir.glob("*.md"))
    ]


def load_seed_articles(article_model: Any, revision_model: Any) -> int:
    """Add the missing seed articles; the models are passed in so a data migration can use its own."""
    added = 0
    now = timezone.now()
    for seed in seed_articles():
        exists = article_model.objects.filter(topic=seed.topic, language=seed.language).exists()
        if exists or article_model.objects.filter(slug=seed.slug).exists():
            continue
        article = article_model.objects.create(
            topic=seed.topic,
            language=seed.language,
            slug=seed.slug,
            position=seed.position,
            title=seed.title,
            summary=seed.summary,
            body=seed.body,
            faq=seed.faq,
            references=seed.references,
            author=AUTHOR,
            published=True,
            updated_at=now,
            body_html=render_body(seed.body),
            faq_html=render_body(seed.faq),
            references_html=render_references(seed.references),
        )
        revision_model.objects.create(
            article=article,
            editor_name=SEED_EDITOR,
            changed_fields=sorted(EDITABLE_FIELDS),
            snapshot={name: getattr(article, name) for name in EDITABLE_FIELDS},
        )
        added += 1
    return added
