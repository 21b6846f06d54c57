"""Markdown to safe HTML: markdown-it-py renders (raw HTML off), nh3 sanitises what comes out.

Reference markers such as [2] in an article's body become links to the second
entry of its reference list, whose items carry the ids ref-1, ref-2, ...
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import nh3
from markdown_it import MarkdownIt
from markdown_it.token import Token

_markdown = MarkdownIt("commonmark", {"html": False}).enable("table")

ALLOWED_TAGS = {
    "p", "br", "hr", "h2", "h3", "h4", "ul", "ol", "li", "a", "strong", "em", "blockquote", "code", "pre",
    "table", "thead", "tbody", "tr", "th", "td", "sup",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "li": {"id"}, "ol": {"start"}, "th": {"scope"}, "sup": {"id"}}
URL_SCHEMES = {"http", "https", "mailto", "tel", "sms"}
REFERENCE_MARKER = re.compile(r"\[(\d{1,2})\]")


def sanitise(html: str) -> str:
    return nh3.clean(
        html, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES, url_schemes=URL_SCHEMES, link_rel="noopener noreferrer"
    )


def plain_text(html: str) -> str:
    return nh3.clean(html, tags=set()).strip()


def _render(tokens: list[Token]) -> str:
    return sanitise(_markdown.renderer.render(tokens, _markdown.options, {}))


def _linked_markers(children: list[Token]) -> list[Token]:
    """Split text tokens around [n] markers and make each marker a link to reference n."""
    linked: list[Token] = []
    for child in children:
        if child.type != "text" or not REFERENCE_MARKER.search(child.content):
            linked.append(child)
            continue
        parts = REFERENCE_MARKER.split(child.content)
        for index, part in enumerate(parts):
            if index % 2 == 0:
                if part:
                    linked.append(Token("text", "", 0, content=part))
                continue
            linked.append(Token("sup_open", "sup", 1))
            linked.append(Token("link_open", "a", 1, attrs={"href": f"#ref-{part}"}))
            linked.append(Token("text", "", 0, content=f"[{part}]"))
            linked.append(Token("link_close", "a", -1))
            linked.append(Token("sup_close", "sup", -1))
    return linked


def render_body(text: str) -> str:
    tokens = _markdown.parse(text)
    for token in tokens:
        if token.type == "inline" and token.children:
            token.children = _linked_markers(token.children)
    return _render(tokens)


def render_references(text: str) -> str:
    tokens = _markdown.parse(text)
    number = 0
    for token in tokens:
        if token.type == "list_item_open" and token.level == 1:
            number += 1
            token.attrSet("id", f"ref-{number}")
    return _render(tokens)


@dataclass(frozen=True)
class Question:
    question: str
    answer_html: str


def faq_questions(text: str) -> list[Question]:
    """Each '### ' heading is a question; what follows it, up to the next, is its answer."""
    tokens = _markdown.parse(text)
    questions: list[Question] = []
    heading: str | None = None
    answer: list[Token] = []
    index = 0
    while index < len(tokens):
        token = tokens[index]
        if token.type == "heading_open" and token.tag == "h3":
            if heading is not None:
                questions.append(Question(heading, _render(answer)))
            heading, answer = tokens[index + 1].content.strip(), []
            index += 3  # heading_open, inline, heading_close
            continue
        if heading is not None:
            answer.append(token)
        index += 1
    if heading is not None:
        questions.append(Question(heading, _render(answer)))
    return questions
