"""Markdown in, safe HTML out: nothing an editor types can run script in a visitor's browser."""

import re
from html.parser import HTMLParser

import pytest

from content.markdown import ALLOWED_TAGS, faq_questions, render_body, render_references, sanitise

UNSAFE_TARGET = re.compile(r"(javascript|data|vbscript):")
HOSTILE = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "[click](javascript:alert(1))",
    "[click](JaVaScRiPt:alert(1))",
    "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    '<a href="javascript:alert(1)">x</a>',
    "<iframe src=https://example.org></iframe>",
    '<svg onload="alert(1)"></svg>',
    "![x](javascript:alert(1))",
    '<p style="background:url(javascript:alert(1))">x</p>',
    "<style>body{display:none}</style>",
]


class _Elements(HTMLParser):
    """The elements and attributes a browser would build from the HTML (escaped text is not one)."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.found: list[tuple[str, dict[str, str]]] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, {name: value or "" for name, value in attrs}))


@pytest.mark.parametrize("text", HOSTILE)
def test_script_in_markdown_is_neutralised(text):
    for html in (render_body(text), render_references(f"1. {text}"), render_body(f"### Q\n\n{text}")):
        for tag, attributes in _Elements(html).found:
            assert tag in ALLOWED_TAGS
            assert not [name for name in attributes if name.startswith("on") or name == "style"]
            for name in ("href", "src"):
                assert not UNSAFE_TARGET.match(attributes.get(name, "").strip().lower())


def test_links_keep_their_safe_targets():
    html = render_body("[Search](/search/?care=iop&pay=medicaid) [SAMHSA](https://www.samhsa.gov/) [Call](tel:988)")
    assert 'href="/search/?care=iop&amp;pay=medicaid"' in html
    assert 'href="https://www.samhsa.gov/"' in html
    assert 'href="tel:988"' in html


def test_sanitising_stored_html_again_removes_what_a_tampered_row_holds():
    assert sanitise('<p onclick="x()">Hi<script>alert(1)</script></p>') == "<p>Hi</p>"


def test_reference_markers_link_to_the_numbered_references():
    body = render_body("IOP meets a few days a week. [2]")
    references = render_references("1. First source.\n2. Second source.")
    assert '<a href="#ref-2"' in body and "[2]</a>" in body
    assert '<li id="ref-1">' in references and '<li id="ref-2">' in references


def test_a_marker_inside_a_code_span_stays_text():
    assert "#ref-" not in render_body("`[1]`")


def test_faq_questions_are_the_level_three_headings_with_their_answers():
    questions = faq_questions("### Can I work?\n\nOften, **yes**.\n\n### Does it work?\n\nFor many people.\n")
    assert [item.question for item in questions] == ["Can I work?", "Does it work?"]
    assert "<strong>yes</strong>" in questions[0].answer_html
    assert "For many people." in questions[1].answer_html


def test_text_without_questions_has_no_faq():
    assert faq_questions("Just a paragraph.\n\n## A section\n") == []
