"""FindTreatment.gov locator JSON read on its own: labels mapped back to codes, source coordinates used."""

import pytest
from django.core.management import CommandError, call_command

from conftest import FINDTREATMENT_SAMPLE, LEGEND_CSV
from directory.models import Facility, Service
from imports.models import ImportRun
from imports.services import import_directory

pytestmark = pytest.mark.django_db


def first_sample_facility() -> Facility:
    return Facility.objects.get(name="Region Ten Community Services Board", program_name="Mohr Center")


def offered_codes(facility: Facility) -> set[str]:
    return set(Service.objects.filter(bit__in=facility.service_bits()).values_list("code", flat=True))


@pytest.fixture
def sample_alone(empty_directory):
    return import_directory(source=str(FINDTREATMENT_SAMPLE), legend_source=str(LEGEND_CSV))


def test_on_a_new_site_the_sample_gives_all_30_listings_with_their_own_coordinates(sample_alone):
    run = sample_alone
    assert (run.dataset, run.edition, run.rows_read, run.added, run.rejected) == ("findtreatment", 2019, 30, 30, 0)
    facility = first_sample_facility()
    assert (facility.latitude, facility.longitude) == (38.0282239, -78.4725231)
    assert facility.coordinate_precision == "source"
    assert facility.phone == "434-979-8871" and facility.intake_phones == ["434-972-1800"]


def test_service_labels_are_mapped_back_to_legend_codes(sample_alone):
    codes = offered_codes(first_sample_facility())
    # "Cognitive behavioral therapy; Motivational interviewing; Relapse prevention; ..."
    assert {"SA", "CBT", "MOTI", "RELP", "TRC", "MD", "PI", "SF", "SS", "MN", "CM"} <= codes


def test_importing_the_export_again_changes_nothing(sample_alone):
    first_id = first_sample_facility().public_id
    again = import_directory(source=str(FINDTREATMENT_SAMPLE))
    assert (again.added, again.updated, again.unchanged) == (0, 0, 30)
    assert first_sample_facility().public_id == first_id


def test_a_legend_is_needed_when_none_is_loaded(empty_directory):
    with pytest.raises(CommandError, match="import a National Directory workbook first"):
        call_command("import_directory", str(FINDTREATMENT_SAMPLE))
    call_command("import_directory", str(FINDTREATMENT_SAMPLE), "--legend", str(LEGEND_CSV))
    assert ImportRun.objects.latest().added == 30
    assert "CBT" in offered_codes(first_sample_facility())


def test_an_export_of_mental_health_facilities_only_is_refused(empty_directory, tmp_path):
    import json

    payload = json.loads(FINDTREATMENT_SAMPLE.read_text())
    payload["rows"] = [row for row in payload["rows"] if row["typeFacility"] == "MH"]
    for row in payload["rows"]:
        assert not any("Substance use treatment" in group["f3"] for group in row["services"] if group["f2"] == "TC")
    export = tmp_path / "mh-export.json"
    export.write_text(json.dumps(payload))
    with pytest.raises(CommandError, match="only mental health facilities"):
        call_command("import_directory", str(export), "--legend", str(LEGEND_CSV))
    assert not Facility.objects.exists()
