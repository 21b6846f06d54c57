"""The search page's Jinja2 templates: every message reaches the Spanish catalogue, every value is escaped."""

import gettext
from pathlib import Path

import pytest
from django.conf import settings
from django.template import engines

TEMPLATE_DIRS = [Path(settings.BASE_DIR) / "directory" / "jinja2", Path(settings.BASE_DIR) / "api" / "jinja2"]
SPANISH = Path(settings.BASE_DIR) / "locale" / "es" / "LC_MESSAGES" / "django.mo"


def jinja2_messages() -> set[str]:
    """What each Jinja2 template asks to translate, as Jinja2 itself reads it (not as makemessages does)."""
    env = engines["jinja2"].env  # type: ignore[attr-defined]
    found = set()
    for folder in TEMPLATE_DIRS:
        for template in folder.rglob("*.html"):
            for _line, _function, message in env.extract_translations(template.read_text()):
                found.update([message] if isinstance(message, str) else [m for m in message if m])
    return found


def test_the_templates_ask_for_translations():
    # A sudden drop means the templates stopped saying _("...") and went untranslated.
    assert len(jinja2_messages()) >= 30


def test_every_message_of_the_jinja2_templates_is_translated_into_spanish():
    # makemessages reads templates as Django templates: a message it cannot see would be missing here.
    catalogue = gettext.GNUTranslations(SPANISH.open("rb"))
    catalogue.add_fallback(_Missing())  # answers for messages the catalogue lacks ("API" is "API" in Spanish too)
    missing = sorted(message for message in jinja2_messages() if catalogue.gettext(message) is _Missing.MARK)
    assert missing == []


class _Missing(gettext.NullTranslations):
    MARK = "\0missing"

    def gettext(self, message: str) -> str:
        return self.MARK


@pytest.mark.django_db
def test_what_a_visitor_typed_comes_back_escaped(client):
    body = client.get("/search/", {"where": '<script>alert("x")</script>'}).content.decode()
    assert "<script>alert" not in body
    assert "&lt;script&gt;alert(" in body
