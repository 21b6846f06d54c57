"""Every FindTreatment.gov label is mapped to a legend code or kept as a service of its own."""

import json

import pytest

from conftest import FINDTREATMENT_SAMPLE, LEGEND_CSV
from directory.models import Service
from directory.search import SearchQuery, search_facilities
from imports.labels import OWN_SERVICE_NOTE, LabelMap
from imports.readers import read_legend_file
from imports.services import import_directory

pytestmark = pytest.mark.django_db


def sample_rows() -> list[dict]:
    return json.loads(FINDTREATMENT_SAMPLE.read_text())["rows"]


def rows_with_label(*labels: str) -> set[str]:
    return {
        row["name1"] + "|" + (row["name2"] or "") + "|" + row["street1"]
        for row in sample_rows()
        if any(part.strip() in labels for group in row["services"] for part in group["f3"].split(";"))
    }


def found(filters: dict[str, tuple[str, ...]]) -> set[str]:
    result = search_facilities(SearchQuery(state="VA", filters=filters, page_size=1000))
    listings = [hit.facility for hit in result.hits]
    return {f"{f.name}|{f.program_name}|{f.street1}" for f in listings}


@pytest.fixture
def sample_alone(empty_directory):
    return import_directory(source=str(FINDTREATMENT_SAMPLE), legend_source=str(LEGEND_CSV))


def test_the_telehealth_filter_finds_every_program_the_export_calls_telehealth(sample_alone):
    expected = rows_with_label("Telemedicine/telehealth", "Computerized treatment/telemedicine")
    assert expected
    assert found({"tele": ("yes",)}) == expected


def test_case_management_and_military_insurance_are_mapped_despite_new_wording(sample_alone):
    assert found({"approach": ("case-management",)}) >= rows_with_label("Case management")
    assert found({"pay": ("military",)}) == rows_with_label("Military insurance (e.g., TRICARE)")


def test_labels_no_legend_names_become_services_of_their_own_and_a_filter(sample_alone):
    dbt = Service.objects.get(code="DBT")
    assert dbt.name == "Dialectical behavior therapy"
    assert dbt.description == OWN_SERVICE_NOTE
    assert found({"approach": ("dbt",)}) == rows_with_label("Dialectical behavior therapy")


def test_the_import_summary_states_the_share_of_labels_mapped(sample_alone):
    summary = next(w for w in sample_alone.warnings if w.startswith("Service labels:"))
    labels = LabelMap(read_legend_file(LEGEND_CSV))
    for row in sample_rows():
        for group in row["services"]:
            for label in group["f3"].split(";"):
                if label.strip():
                    labels.code_for(group["f2"], group["f1"], " ".join(label.split()))
    total = labels.mapped + sum(labels.own.values())
    assert total == sum(1 for r in sample_rows() for g in r["services"] for part in g["f3"].split(";") if part.strip())
    assert f"{labels.mapped:,} of {total:,}" in summary
    assert labels.mapped / total > 0.75
    assert "Dialectical behavior therapy (16)" in summary
