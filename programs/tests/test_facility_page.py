"""The facility page shows what the program says of itself, each group dated and signed, and nothing it has not said."""

from datetime import date, timedelta

import pytest
from django.utils import timezone
from django.utils.formats import date_format

from directory.models import Facility
from programs import freshness
from programs.models import StampKind
from programs.tests.helpers import EVERYTHING, iop_listings_near, say

pytestmark = pytest.mark.django_db


def page_of(client, facility: Facility, language: str = "en") -> str:
    client.cookies["django_language"] = language
    response = client.get(facility.get_absolute_url(), HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200
    return response.content.decode()


def section_of(html: str) -> str:
    start = html.index('class="program-facts"')
    return html[start : html.index("</section>", start)]


def test_the_page_shows_every_group_with_who_said_it_and_when(client):
    facility = iop_listings_near()[0]
    say(facility, EVERYTHING, days_ago=2)
    said_on = date_format(timezone.localdate() - timedelta(days=2), "DATE_FORMAT")
    section = section_of(page_of(client, facility))
    assert "Monday, Wednesday, Thursday" in section
    assert "9 hours a week" in section and "daytime, evening" in section and "Usually lasts 8 weeks" in section
    assert "weekend" not in section.split("Groups:")[1].split("</li>")[0]
    assert "Waiting list of about 3 weeks" in section
    assert 'href="tel:+1-713-555-0142"' in section and "intake line" in section
    assert 'href="https://example.org/iop"' in section
    assert "you can attend from home" in section and "Vietnamese" in section and "Example Health" in section
    assert section.count(f"Updated by the program on {said_on}.") == 4


def test_the_facilitys_own_main_phone_stays_first(client):
    facility = iop_listings_near()[0]
    say(facility, {"intake_phone": "713-555-0142"})
    html = page_of(client, facility)
    assert html.index('class="first-phone"') < html.index("tel:+1-713-555-0142")


def test_staff_and_sample_answers_say_who_gave_them(client):
    staff, sample = iop_listings_near(count=2)
    say(staff, {"hours_per_week": 12}, kind=StampKind.STAFF)
    say(sample, {"hours_per_week": 12}, kind=StampKind.SAMPLE)
    assert "Updated by IOP Finder staff on" in section_of(page_of(client, staff))
    sample_section = section_of(page_of(client, sample))
    assert "Sample data, dated" in sample_section and "not a real program" in sample_section


def test_nothing_is_shown_when_the_program_has_not_said(client):
    facility = iop_listings_near()[0]
    assert 'class="program-facts"' not in page_of(client, facility)
    # A row with nothing said in it (every value empty) shows nothing either, and never "no".
    say(facility, {"languages": [], "virtual_iop": None, "openings": ""})
    html = page_of(client, facility)
    assert 'class="program-facts"' not in html
    assert "Not taking new clients" not in html


def test_openings_are_shown_for_30_days_then_the_page_says_to_ask(client, monkeypatch):
    facility = iop_listings_near()[0]
    say(facility, {"openings": "yes"})
    assert "Taking new clients" in section_of(page_of(client, facility))
    stated = timezone.localdate()
    monkeypatch.setattr(freshness, "today", lambda: stated + timedelta(days=30))
    assert "Taking new clients" in section_of(page_of(client, facility))
    monkeypatch.setattr(freshness, "today", lambda: stated + timedelta(days=31))
    section = section_of(page_of(client, facility))
    assert "Taking new clients" not in section
    assert "Ask about openings when you call." in section


def test_the_page_is_in_spanish(client):
    facility = iop_listings_near()[0]
    say(facility, EVERYTHING)
    section = section_of(page_of(client, facility, "es"))
    assert "Lista de espera de aproximadamente 3 semanas" in section
    assert "Actualizado por el programa el" in section


def backdate(facility: Facility, day: date) -> None:
    """Every source stamp of the listing as if last confirmed on `day`."""
    facility.refresh_from_db()
    stamps = {fact: stamp | {"confirmed": day.isoformat()} for fact, stamp in (facility.provenance or {}).items()}
    Facility.objects.filter(pk=facility.pk).update(provenance=stamps)


def months_ago(months: int) -> date:
    today = timezone.localdate()
    year, month = divmod(today.year * 12 + today.month - 1 - months, 12)
    return date(year, month + 1, min(today.day, 28))


def test_a_listing_nobody_confirmed_for_18_months_is_marked_and_one_of_17_is_not(client):
    old, recent = iop_listings_near(count=2)
    backdate(old, months_ago(18) - timedelta(days=1))
    backdate(recent, months_ago(17))
    assert "This listing may be out of date: no source has confirmed it since" in page_of(client, old)
    assert "may be out of date" not in page_of(client, recent)


def test_a_programs_own_update_counts_as_a_confirmation(client):
    facility = iop_listings_near()[0]
    backdate(facility, months_ago(24))
    assert "may be out of date" in page_of(client, facility)
    say(facility, {"hours_per_week": 9})
    assert "may be out of date" not in page_of(client, facility)
