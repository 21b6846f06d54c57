"""FindTreatment.gov locator JSON: labels mapped back to codes, source coordinates used."""

import pytest
from django.core.management import CommandError, call_command

from conftest import FINDTREATMENT_SAMPLE, LEGEND_CSV
from directory.models import Facility, Service
from imports.models import ImportRun
from imports.services import import_directory

pytestmark = pytest.mark.django_db


def first_sample_facility() -> Facility:
    return Facility.objects.get(
        dataset="findtreatment", name="Region Ten Community Services Board", program_name="Mohr Center"
    )


def offered_codes(facility: Facility) -> set[str]:
    return set(Service.objects.filter(bit__in=facility.service_bits()).values_list("code", flat=True))


def test_the_api_sample_imports_all_30_facilities_with_their_own_coordinates():
    run = import_directory(source=str(FINDTREATMENT_SAMPLE))
    assert (run.dataset, run.edition, run.rows_read, run.added, run.rejected) == ("findtreatment", 2019, 30, 30, 0)
    facility = first_sample_facility()
    assert (facility.latitude, facility.longitude) == (38.0282239, -78.4725231)
    assert facility.coordinate_precision == "source"
    assert facility.phone == "434-979-8871" and facility.intake_phones == ["434-972-1800"]


def test_service_labels_are_mapped_back_to_legend_codes():
    import_directory(source=str(FINDTREATMENT_SAMPLE))
    codes = offered_codes(first_sample_facility())
    # "Cognitive behavioral therapy; Motivational interviewing; Relapse prevention; ..."
    assert {"SA", "CBT", "MOTI", "RELP", "TRC", "MD", "PI", "SF", "SS", "MN"} <= codes


def test_labels_missing_from_the_legend_are_reported_not_silently_dropped():
    run = import_directory(source=str(FINDTREATMENT_SAMPLE))
    assert any("Dialectical behavior therapy" in warning for warning in run.warnings)


def test_the_frid_keeps_a_listing_the_same_across_imports():
    import_directory(source=str(FINDTREATMENT_SAMPLE))
    first_id = first_sample_facility().public_id
    again = import_directory(source=str(FINDTREATMENT_SAMPLE))
    assert (again.added, again.updated, again.unchanged) == (0, 0, 30)
    assert first_sample_facility().public_id == first_id


def test_it_leaves_the_national_directory_alone():
    import_directory(source=str(FINDTREATMENT_SAMPLE))
    assert Facility.objects.filter(dataset="samhsa-nd", published=True).count() == 12744


def test_a_legend_can_be_given_when_none_is_loaded(empty_directory):
    with pytest.raises(CommandError, match="import a National Directory workbook first"):
        call_command("import_directory", str(FINDTREATMENT_SAMPLE))
    call_command("import_directory", str(FINDTREATMENT_SAMPLE), "--legend", str(LEGEND_CSV))
    assert ImportRun.objects.latest().added == 30
    assert "CBT" in offered_codes(first_sample_facility())
