"""The site in Spanish: a complete, compiled catalogue, and the main pages really shown in Spanish.

The catalogue is read with a small parser of msgid/msgstr blocks (the project
does not depend on polib); the compiled .mo is read with the standard library.
"""

import ast
import gettext
import hashlib
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from django.utils import translation

from directory.models import Facility
from intake.consent import CONTACT_CONSENT_TEXT
from intake.models import CoverageRequest

MESSAGES = Path(settings.BASE_DIR) / "locale" / "es" / "LC_MESSAGES"
PO_FILE = MESSAGES / "django.po"
MO_FILE = MESSAGES / "django.mo"

# Python named placeholders, old-style positional ones, and str.format fields.
PLACEHOLDER = re.compile(r"%\([^)]+\)[sdif]|%[sdif]|\{[^{}\s]*\}")
HTML_TAG = re.compile(r"</?[a-zA-Z][^>]*>")
HTML_ENTITY = re.compile(r"&#?\w+;")


@dataclass
class Entry:
    msgid: str = ""
    msgid_plural: str | None = None
    msgstr: dict[int, str] = field(default_factory=dict)
    flags: set[str] = field(default_factory=set)
    line: int = 0

    @property
    def english(self) -> list[str]:
        return [self.msgid] + ([self.msgid_plural] if self.msgid_plural is not None else [])


def parse_po(text: str) -> list[Entry]:
    """Every entry of a .po file, the header included (msgid ""), obsolete (#~) entries left out."""
    entries: list[Entry] = []
    entry: Entry | None = None
    flags: set[str] = set()
    target: tuple[str, int | None] | None = None

    def append(value: str) -> None:
        assert entry is not None and target is not None
        key, index = target
        if key == "msgstr":
            entry.msgstr[index or 0] = entry.msgstr.get(index or 0, "") + value
        else:
            setattr(entry, key, (getattr(entry, key) or "") + value)

    for number, line in enumerate(text.splitlines(), start=1):
        if line.startswith("#,"):
            flags |= {flag.strip() for flag in line[2:].split(",")}
        elif line.startswith("#") or not line.strip():
            continue
        elif match := re.match(r"^(msgid|msgid_plural|msgstr)(?:\[(\d+)\])?\s+(\".*\")$", line):
            key, index, quoted = match.groups()
            if key == "msgid":
                entry = Entry(flags=flags, line=number)
                entries.append(entry)
                flags = set()
            target = (key, int(index) if index is not None else None)
            if key == "msgid_plural":
                entry.msgid_plural = ""  # type: ignore[union-attr]
            append(ast.literal_eval(quoted))
        elif line.startswith('"'):
            append(ast.literal_eval(line))
        else:
            raise AssertionError(f"line {number} of {PO_FILE.name} is not understood: {line!r}")
    return entries


def header_field(header: str, name: str) -> str:
    match = re.search(rf"^{name}:\s*(.*)$", header, re.MULTILINE)
    return match.group(1).strip() if match else ""


@pytest.fixture(scope="module")
def catalogue() -> list[Entry]:
    return parse_po(PO_FILE.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def messages(catalogue) -> list[Entry]:
    return [entry for entry in catalogue if entry.msgid]


@pytest.fixture(scope="module")
def plural_count(catalogue) -> int:
    plural_forms = header_field(catalogue[0].msgstr[0], "Plural-Forms")
    found = re.search(r"nplurals\s*=\s*(\d+)", plural_forms)
    assert found, f"no nplurals in {plural_forms!r}"
    return int(found.group(1))


def place_markers(text: str) -> Counter:
    return Counter(PLACEHOLDER.findall(text) + HTML_TAG.findall(text) + HTML_ENTITY.findall(text))


# The catalogue


def test_the_catalogue_header_is_final_and_declares_spanish(catalogue):
    header = catalogue[0]
    assert header.msgid == "" and "fuzzy" not in header.flags
    assert header_field(header.msgstr[0], "Language") == "es"
    assert "charset=UTF-8" in header_field(header.msgstr[0], "Content-Type")


def test_the_catalogue_holds_every_message_of_the_site(messages):
    # About 350 messages: a sudden drop means the file was truncated or badly merged.
    assert len(messages) >= 300
    assert any(entry.msgid == "Who answers this call?" for entry in messages)


def test_no_entry_is_untranslated_or_fuzzy(messages, plural_count):
    fuzzy = [entry.msgid for entry in messages if "fuzzy" in entry.flags]
    untranslated = [
        entry.msgid
        for entry in messages
        if not entry.msgstr
        or any(not text.strip() for text in entry.msgstr.values())
        or (entry.msgid_plural is not None and sorted(entry.msgstr) != list(range(plural_count)))
    ]
    assert fuzzy == []
    assert untranslated == []


def test_every_translation_keeps_the_placeholders_and_html_of_its_english_text(messages):
    broken = []
    for entry in messages:
        expected = place_markers(entry.msgid)
        if entry.msgid_plural is not None:
            # A singular may spell out "one" instead of its count, but nothing else may differ.
            expected = place_markers(entry.msgid_plural)
        for index, text in entry.msgstr.items():
            if place_markers(text) != expected:
                broken.append((entry.line, entry.msgid, index, text))
    assert broken == []


def test_a_few_key_messages_are_in_spanish_rather_than_copied_english(messages):
    spanish = {entry.msgid: entry.msgstr[0] for entry in messages}
    for msgid in [
        "Who answers this call?",
        "Does my insurance cover it?",
        "Find intensive outpatient (IOP) alcohol and drug treatment near you",
        "In crisis?",
        "At a glance",
        "Questions to ask when you call",
        "Sliding fee scale",
    ]:
        assert spanish[msgid] != msgid


def test_the_consent_texts_are_translated_in_full(messages):
    spanish = {entry.msgid: entry.msgstr[0] for entry in messages}
    with translation.override("en"):
        contact = spanish[str(CONTACT_CONSENT_TEXT)]
    # What the person agrees to: who contacts them, how, about what, and how long data is kept.
    for words in ["IOP Finder", "comunicarse conmigo", "teléfono", "correo electrónico", "consulta", "90 días"]:
        assert words in contact
    share = next(text for msgid, text in spanish.items() if msgid.startswith("I also agree that IOP Finder may share"))
    for words in ["compartir mi consulta", "datos de contacto", "seguro", "programa", "opcional"]:
        assert words in share


# The compiled catalogue


def test_the_compiled_catalogue_is_not_older_than_the_po_file(messages):
    with MO_FILE.open("rb") as compiled:
        mo = gettext.GNUTranslations(compiled)
    stale = []
    for entry in messages:
        if entry.msgid_plural is None:
            if mo.gettext(entry.msgid) != entry.msgstr[0]:
                stale.append(entry.msgid)
        elif mo.ngettext(entry.msgid, entry.msgid_plural, 1) != entry.msgstr[0] or (
            mo.ngettext(entry.msgid, entry.msgid_plural, 7) != entry.msgstr[max(entry.msgstr)]
        ):
            stale.append(entry.msgid)
    assert stale == []


# The pages, in Spanish


@pytest.fixture
def houston_facility(db) -> Facility:
    return Facility.objects.filter(published=True, city="Houston").earliest("pk")


@pytest.fixture
def spanish_client(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "es"
    return client


def main_heading(body: str, tag: str = "h1") -> str:
    match = re.search(rf"<{tag}[^>]*>(.*?)</{tag}>", body, re.DOTALL)
    assert match, f"the page has no <{tag}>"
    return " ".join(re.sub(r"<[^>]+>", "", match.group(1)).split())


SPANISH_PAGES = [
    ("/", "h1", "Encuentre tratamiento ambulatorio intensivo (IOP)"),
    ("/search/?where=77002", "h1", "Programas cerca de 77002"),
    ("/coverage/new/", "h1", "¿Mi seguro lo cubre?"),
    ("/helpline/", "h1", "¿Quién contesta esta llamada?"),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("url", "tag", "heading"), SPANISH_PAGES, ids=["home", "search", "coverage-form", "helpline"])
def test_a_spanish_visitor_sees_the_main_pages_in_spanish(spanish_client, url, tag, heading):
    response = spanish_client.get(url)
    assert response.status_code == 200
    body = response.content.decode()
    assert '<html lang="es">' in body
    assert main_heading(body, tag).startswith(heading)
    assert "¿Está en crisis?" in body and "Enviar un mensaje al 988" in body


@pytest.mark.django_db
def test_a_spanish_visitor_sees_a_facility_page_in_spanish(spanish_client, houston_facility):
    body = spanish_client.get(houston_facility.get_absolute_url()).content.decode()
    assert '<html lang="es">' in body
    # The h1 is the program's own name; the page's own headings and labels are Spanish.
    assert main_heading(body, "h1") == " ".join(houston_facility.name.split())
    assert main_heading(body, "h2") == "De un vistazo"
    assert "Llamar al programa" in body and "Preguntas para hacer cuando llame" in body
    assert "Fuente: Directorio Nacional de SAMHSA 2023." in body


@pytest.mark.django_db
def test_the_browser_language_alone_chooses_spanish(client):
    body = client.get("/helpline/", HTTP_ACCEPT_LANGUAGE="es-MX,es;q=0.9").content.decode()
    assert '<html lang="es">' in body
    assert main_heading(body) == "¿Quién contesta esta llamada?"


@pytest.mark.django_db
def test_a_visitor_who_chose_no_language_still_gets_english(client):
    body = client.get("/helpline/").content.decode()
    assert '<html lang="en">' in body
    assert main_heading(body) == "Who answers this call?"


@pytest.mark.django_db
def test_the_coverage_form_names_the_states_in_spanish(spanish_client, client):
    assert '<option value="NC">Carolina del Norte</option>' in spanish_client.get("/coverage/new/").content.decode()


@pytest.mark.django_db
def test_state_pages_name_the_state_in_spanish_under_the_same_address(spanish_client):
    body = spanish_client.get("/iop/north-carolina/").content.decode()
    assert "Carolina del Norte" in body and "North Carolina" not in body


@pytest.mark.django_db
def test_search_results_count_programs_in_spanish(spanish_client):
    body = spanish_client.get("/search/?where=77002").content.decode()
    assert re.search(r"\d+ programas en un radio de 25 millas", body)
    assert "Llamar al" in body


@pytest.mark.django_db
def test_the_distance_choices_follow_the_language_of_each_request():
    # The choices are built when the form module is imported, before any request picks a language.
    spanish, english = Client(), Client()
    spanish.cookies[settings.LANGUAGE_COOKIE_NAME] = "es"
    english.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    for _round in range(2):
        assert ">Hasta 25 millas</option>" in spanish.get("/search/?where=77002").content.decode()
        assert ">Within 25 miles</option>" in english.get("/search/?where=77002").content.decode()


@pytest.mark.django_db
def test_a_request_sent_in_spanish_records_the_spanish_consent_words(spanish_client):
    form = spanish_client.get("/coverage/new/").content.decode()
    with translation.override("es"):
        spanish_consent = str(CONTACT_CONSENT_TEXT)
    with translation.override("en"):
        english_consent = str(CONTACT_CONSENT_TEXT)
    assert spanish_consent != english_consent
    assert spanish_consent in form

    response = spanish_client.post(
        "/coverage/new/",
        {
            "full_name": "María Ejemplo",
            "date_of_birth": "1980-05-17",
            "phone": "202-555-0143",
            "email": "",
            "contact_time": "any",
            "state": "TX",
            "carrier": "none",
            "member_id": "",
            "group_number": "",
            "message": "",
            "contact_consent": "on",
            "website": "",
        },
    )
    assert response.status_code == 302
    stored = CoverageRequest.objects.get()
    assert stored.consent_language == "es"
    assert stored.contact_consent_sha256 == hashlib.sha256(spanish_consent.encode()).hexdigest()
