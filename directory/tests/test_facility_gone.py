"""A listing dropped by a new edition keeps its URL, which says so plainly."""

from datetime import date

import pytest
from django.utils.formats import date_format

from directory.models import Facility

pytestmark = pytest.mark.django_db


def test_a_listing_no_longer_in_the_directory_answers_410_with_a_way_back(client):
    facility = Facility.objects.filter(program_name__gt="").earliest("pk")
    Facility.objects.filter(pk=facility.pk).update(published=False)
    page = client.get(facility.get_absolute_url())
    assert page.status_code == 410
    text = page.content.decode()
    assert "no longer in the directory" in text
    assert facility.program_name in text and "2023 edition" in text
    assert 'href="/"' in text


def test_an_unknown_listing_is_a_plain_404(client):
    assert client.get("/facility/doesnotexist/").status_code == 404


def test_a_listing_page_shows_its_sources_dates_and_map_precision(client):
    facility = Facility.objects.get(name="Shelby County Treatment Center", program_name="")
    text = client.get(facility.get_absolute_url()).content.decode()
    assert 'href="tel:+1-205-216-0200"' in text
    confirmed = date.fromisoformat((facility.provenance or {})["phone"]["confirmed"])
    assert "SAMHSA National Directory 2023" in text
    assert f"Last confirmed {date_format(confirmed, 'DATE_FORMAT')}." in text
    assert "ZIP code center" in text
