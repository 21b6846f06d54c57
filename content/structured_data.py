"""schema.org JSON-LD for an article: a MedicalWebPage, and an FAQPage when it has questions."""

from __future__ import annotations

import json

from django.utils.safestring import SafeString, mark_safe

from content.markdown import faq_questions, plain_text
from content.models import Article

# The same escapes as Django's json_script: the JSON cannot close the <script>.
_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def _json(data: object) -> SafeString:
    return mark_safe(json.dumps(data, ensure_ascii=False).translate(_ESCAPES))  # noqa: S308 (escaped above)  # nosec B308, B703


def article_json_ld(article: Article, page_url: str) -> list[SafeString]:
    page: dict[str, object] = {
        "@context": "https://schema.org",
        "@type": "MedicalWebPage",
        "name": article.title,
        "headline": article.title,
        "description": article.summary,
        "url": page_url,
        "inLanguage": article.language,
        "dateModified": article.updated_at.isoformat(),
        "author": {"@type": "Organization", "name": article.author},
        "publisher": {"@type": "Organization", "name": "IOP Finder"},
        "about": {"@type": "MedicalCondition", "name": "Substance use disorder"},
    }
    if article.last_reviewed and article.clinical_reviewer:
        page["lastReviewed"] = article.last_reviewed.isoformat()
        page["reviewedBy"] = {"@type": "Person", "name": article.clinical_reviewer}
    citations = [plain_text(item) for item in article.references_html.split("</li>") if plain_text(item)]
    if citations:
        page["citation"] = citations
    blocks = [_json(page)]
    questions = faq_questions(article.faq)
    if questions:
        blocks.append(
            _json(
                {
                    "@context": "https://schema.org",
                    "@type": "FAQPage",
                    "inLanguage": article.language,
                    "mainEntity": [
                        {
                            "@type": "Question",
                            "name": item.question,
                            "acceptedAnswer": {"@type": "Answer", "text": plain_text(item.answer_html)},
                        }
                        for item in questions
                    ],
                }
            )
        )
    return blocks
