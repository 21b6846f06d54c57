"""The legend's names in Spanish: complete for the real legend, and never a translation of an old name."""

import csv

import pytest
from django.utils import translation

from conftest import LEGEND_CSV
from directory.legend_names import CATEGORY, SERVICE, LegendName, legend_name
from directory.models import Facility, Service


def test_every_code_and_category_of_the_real_legend_has_a_spanish_name():
    with LEGEND_CSV.open(encoding="utf-8", newline="") as file:
        rows = list(csv.DictReader(file))
    missing = [
        (kind, code, english)
        for row in rows
        for kind, code, english in (
            (SERVICE, row["service_code"], row["service_name"]),
            (CATEGORY, row["category_code"], row["category_name"]),
        )
        if legend_name(kind, code, english, "es") == english and english not in UNCHANGED_IN_SPANISH
    ]
    assert missing == []


# Names that Spanish writes the same way.
UNCHANGED_IN_SPANISH = {
    "Disulfiram",
    "Medicare",
    "Medicaid",
    "The Joint Commission",
    "Hindi",
    "Hmong",
    "Ojibwa",
    "Yupik",
}


def test_a_name_is_translated_by_its_code():
    assert legend_name(SERVICE, "OIT", "Intensive outpatient treatment", "es") == "Tratamiento ambulatorio intensivo"
    assert legend_name(CATEGORY, "OL", "Other Languages", "es") == "Otros idiomas"


def test_a_renamed_code_shows_the_new_english_rather_than_the_old_translation():
    assert legend_name(SERVICE, "OIT", "Intensive outpatient program", "es") == "Intensive outpatient program"


@pytest.mark.parametrize("language", ["en", "fr"])
def test_other_languages_keep_the_legend_english(language):
    assert legend_name(SERVICE, "OIT", "Intensive outpatient treatment", language) == "Intensive outpatient treatment"


def test_a_legend_label_follows_the_active_language():
    label = LegendName("F4", "Arabic")
    with translation.override("es"):
        assert str(label) == "Árabe"
    with translation.override("en"):
        assert str(label) == "Arabic"


@pytest.mark.django_db
def test_a_facility_page_lists_its_services_in_spanish(client, settings):
    iop = Service.objects.get(code="OIT")
    facility = Facility.objects.filter(published=True, **{f"services_{iop.bit // 64}__gt": 0}).earliest("pk")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "es"
    body = client.get(facility.get_absolute_url()).content.decode()
    english = client.get(facility.get_absolute_url(), HTTP_COOKIE="").content.decode()
    assert "Tipo de atención" in body and "Type of Care" not in body
    assert "Type of care" in english


@pytest.mark.django_db
def test_the_language_filter_names_other_languages_in_spanish(client, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "es"
    body = client.get("/search/", {"where": "77002"}).content.decode()
    assert ">Árabe <span" in body or ">Árabe<" in body
    assert ">Arabic" not in body
