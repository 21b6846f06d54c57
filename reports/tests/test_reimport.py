"""A correction made after a report lives by the importer's rules: kept through its edition, flagged by a newer one."""

import pytest

from conftest import DIRECTORY_2023
from directory.models import Facility
from imports.services import import_directory
from imports.tests.workbooks import facility_row, write_workbook
from reports.models import Kind
from reports.services import problem_report_create

pytestmark = pytest.mark.django_db

CORRECT_PHONE = "713-555-0123"


def report(facility: Facility, kind: str, value: str = "", address: str = "203.0.113.7"):
    return problem_report_create(
        facility=facility, kind=kind, correct_value=value, email="", client_address=address, language="en"
    )


def accept(client, made, **data: str):
    response = client.post(f"/staff/reports/{made.public_id}/accept/", {f"accept-{k}": v for k, v in data.items()})
    assert response.status_code == 302, response.content[:2000]


def test_a_reimport_of_the_same_edition_keeps_the_corrections_and_the_closure(reviewer_client, client, facility):
    closed = Facility.objects.filter(published=True).exclude(pk=facility.pk).order_by("-pk").first()
    assert closed is not None
    accept(reviewer_client, report(facility, Kind.PHONE, CORRECT_PHONE), phone=CORRECT_PHONE)
    accept(reviewer_client, report(closed, Kind.CLOSED))
    run = import_directory(source=str(DIRECTORY_2023))
    assert run.flagged_for_review == 0
    listing = Facility.objects.get(pk=facility.pk)
    assert listing.phone == CORRECT_PHONE and (listing.provenance or {})["phone"]["after"] == "report"
    assert not Facility.objects.get(pk=closed.pk).published
    page = client.get(facility.get_absolute_url()).content.decode()
    assert "(713) 555-0123" in page and "Corrected after a report, reviewed on" in page


def edition(tmp_path, year: int, **changes: object) -> str:
    rows = [facility_row(n, **(changes if n == 1 else {})) for n in range(1, 6)]
    return str(write_workbook(tmp_path / f"directory-{year}.xlsx", extra_rows=rows))


def test_a_newer_edition_that_disagrees_flags_the_correction(empty_directory, tmp_path, reviewer_client, client):
    import_directory(source=edition(tmp_path, 2023))
    listing = Facility.objects.get(name="Test Recovery Center 1")
    accept(reviewer_client, report(listing, Kind.PHONE, CORRECT_PHONE), phone=CORRECT_PHONE)
    run = import_directory(source=edition(tmp_path, 2024, Phone="713-555-0999"))
    listing.refresh_from_db()
    assert run.flagged_for_review == 1
    assert listing.phone == CORRECT_PHONE
    assert (listing.review_flags or {})["phone"]["value"] == ["713-555-0999"]
    page = client.get(listing.get_absolute_url()).content.decode()
    assert "A newer source says something else" in page


def test_a_listing_closed_after_a_report_comes_back_only_with_a_newer_edition(
    empty_directory, tmp_path, reviewer_client
):
    import_directory(source=edition(tmp_path, 2023))
    listing = Facility.objects.get(name="Test Recovery Center 2")
    accept(reviewer_client, report(listing, Kind.CLOSED))
    import_directory(source=edition(tmp_path, 2023, Phone="713-555-0111"))
    assert not Facility.objects.get(pk=listing.pk).published
    import_directory(source=edition(tmp_path, 2024))
    listing.refresh_from_db()
    assert listing.published and "closed" not in (listing.provenance or {})
