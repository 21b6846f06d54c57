"""A file is recognised for what it is before anything is written: other directories are refused."""

import pytest
from django.core.management import CommandError, call_command
from openpyxl import Workbook

from directory.models import Facility
from imports.models import ImportRun
from imports.tests.workbooks import HEADER, facility_row, write_workbook

pytestmark = pytest.mark.django_db

# The shape of SAMHSA's mental health directory: the same sheets and columns,
# a legend whose type of care is mental health, rows that list it.
MENTAL_HEALTH_LEGEND = [
    ("TC", "Type of Care", "MH", "Mental health treatment", "Services for mental disorders."),
    ("TC", "Type of Care", "SUMH", "Treatment for co-occurring serious mental illness and substance use", ""),
    ("SET", "Service Setting", "OP", "Outpatient", ""),
    ("SET", "Service Setting", "PHDT", "Partial hospitalization/day treatment", ""),
    ("TAP", "Treatment Approaches", "CBT", "Cognitive behavioral therapy", ""),
    ("TAP", "Treatment Approaches", "DBT", "Dialectical behavior therapy", ""),
    ("PAY", "Payment", "MD", "Medicaid", ""),
]


def mental_health_workbook(path, rows: int = 40, with_substance_use: int = 3):
    book = Workbook()
    sheet = book.active
    sheet.title = "Facilities List"
    sheet.append(HEADER)
    for number in range(1, rows + 1):
        codes = "MH SUMH * OP PHDT * CBT DBT * MD" if number > with_substance_use else "MH SA * OP * MD"
        sheet.append(facility_row(number, Name1=f"Community Mental Health Center {number}", Service_code_info=codes))
    legend = book.create_sheet("Service Code Reference")
    legend.append(["category_code", "category_name", "service_code", "service_name", "service_description"])
    for entry in [*MENTAL_HEALTH_LEGEND, ("TC", "Type of Care", "SA", "Substance use treatment", "")]:
        legend.append(list(entry))
    book.save(path)
    return path


def test_a_mental_health_directory_is_refused_over_the_substance_use_directory(tmp_path):
    before = set(Facility.objects.filter(published=True).values_list("public_id", "content_hash"))
    with pytest.raises(CommandError, match="mental health treatment facilities") as refusal:
        call_command("import_directory", str(mental_health_workbook(tmp_path / "National_Directory_MH_2023.xlsx")))
    assert "\n" not in str(refusal.value)
    assert set(Facility.objects.filter(published=True).values_list("public_id", "content_hash")) == before
    assert ImportRun.objects.latest().status == "failed"


def test_a_mental_health_directory_is_refused_on_a_new_site_too(empty_directory, tmp_path):
    with pytest.raises(CommandError, match="imports the substance use directory only"):
        call_command("import_directory", str(mental_health_workbook(tmp_path / "mh.xlsx")))
    assert not Facility.objects.exists()


def test_a_workbook_whose_rows_list_no_substance_use_care_is_refused(empty_directory, tmp_path):
    rows = [facility_row(n, Service_code_info="OIT ORT * MD PI") for n in range(1, 11)]
    path = write_workbook(tmp_path / "d.xlsx", extra_rows=rows)
    with pytest.raises(CommandError, match="not a substance use treatment directory"):
        call_command("import_directory", str(path))
    assert not Facility.objects.exists()


def test_a_substance_use_directory_with_a_few_rows_lacking_a_type_of_care_imports(empty_directory, tmp_path):
    rows = [facility_row(n) for n in range(1, 10)] + [facility_row(10, Service_code_info="OIT * MD")]
    call_command("import_directory", str(write_workbook(tmp_path / "d-2023.xlsx", extra_rows=rows)))
    assert Facility.objects.filter(published=True).count() == 10
