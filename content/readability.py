"""What a reader reads of an article, as plain text, for the readability checks.

The references are citations, not prose, and [n] markers are not words, so
both are left out.
"""

from __future__ import annotations

from typing import Protocol

from content.markdown import REFERENCE_MARKER, plain_text, render_body


class HasText(Protocol):
    title: str
    summary: str
    body: str
    faq: str


def reading_text(article: HasText) -> str:
    html = render_body(REFERENCE_MARKER.sub("", f"{article.body}\n\n{article.faq}"))
    # Headings and list items end sentences for a reader even without a full stop.
    html = html.replace("</h2>", ".</h2>").replace("</h3>", "</h3>\n").replace("</li>", "</li>\n")
    return "\n".join([f"{article.title}", f"{article.summary}", plain_text(html)])
