"""The second matching pass: a renamed or re-spelled listing keeps its public_id and its page."""

from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from directory.models import Facility
from imports.identity import public_id_for
from imports.models import ImportRun
from imports.services import import_directory
from imports.tests.workbooks import facility_row, write_workbook

pytestmark = pytest.mark.django_db


def edition(tmp_path: Path, year: int, *rows: list[object]) -> ImportRun:
    """Import a small workbook of `rows` as the given edition of the National Directory."""
    path = write_workbook(tmp_path / f"directory-{year}.xlsx", extra_rows=list(rows))
    return import_directory(source=str(path))


def listing(**fields: str) -> Facility:
    return Facility.objects.get(dataset="samhsa-nd", **fields)


def counts(run: ImportRun) -> tuple[int, int, int, int, int]:
    return run.added, run.updated, run.unchanged, run.removed, run.renamed_or_moved


def test_a_renamed_program_keeps_its_public_id_and_its_page(empty_directory, tmp_path, client):
    edition(tmp_path, 2023, facility_row(1), facility_row(2), facility_row(3))
    before = listing(name="Test Recovery Center 3")
    renamed = facility_row(3, Name1="Bayou City Recovery", Name2="Intensive Outpatient Program")

    run = edition(tmp_path, 2024, facility_row(1), facility_row(2), renamed)

    assert counts(run) == (0, 1, 2, 0, 1)
    after = Facility.objects.get(public_id=before.public_id)
    assert (after.pk, after.name, after.program_name, after.published) == (
        before.pk, "Bayou City Recovery", "Intensive Outpatient Program", True,
    )  # fmt: skip
    assert after.first_seen_edition == 2023 and after.last_seen_edition == 2024
    page = client.get(before.get_absolute_url())
    assert page.status_code == 200
    assert "Bayou City Recovery" in page.content.decode()


def test_a_listing_whose_street_spelling_changed_keeps_its_public_id(empty_directory, tmp_path):
    edition(tmp_path, 2023, facility_row(1), facility_row(2, Street1="2 Main Street"))
    before = listing(street1="2 Main Street")

    run = edition(tmp_path, 2024, facility_row(1), facility_row(2, Street1="2 Main St.", Street2="Suite 100"))

    assert counts(run) == (0, 1, 1, 0, 1)
    after = Facility.objects.get(public_id=before.public_id)
    assert (after.street1, after.street2, after.published) == ("2 Main St.", "Suite 100", True)
    assert Facility.objects.count() == 2


def test_two_candidates_with_the_same_phone_and_zip_are_not_paired(empty_directory, tmp_path, client):
    # Two programs of one organization at one site, one phone: both gone, one
    # new program there. Which of the two it replaces is a guess, so neither.
    outpatient = facility_row(1, Name2="Outpatient")
    residential = facility_row(1, Name2="Residential")
    edition(tmp_path, 2023, outpatient, residential, facility_row(2))
    old_ids = set(Facility.objects.filter(street1="1 Main Street").values_list("public_id", flat=True))

    run = edition(tmp_path, 2024, facility_row(1, Name2="Intensive Outpatient"), facility_row(2))

    assert counts(run) == (1, 0, 1, 2, 0)
    new = listing(program_name="Intensive Outpatient")
    assert new.public_id not in old_ids
    for public_id in old_ids:
        assert client.get(Facility.objects.get(public_id=public_id).get_absolute_url()).status_code == 410


def test_two_new_rows_are_never_paired_with_one_facility(empty_directory, tmp_path):
    edition(tmp_path, 2023, facility_row(1), facility_row(2))
    old = listing(street1="1 Main Street")

    run = edition(
        tmp_path, 2024, facility_row(1, Name2="Adult Outpatient"), facility_row(1, Name2="Youth Outpatient"),
        facility_row(2),
    )  # fmt: skip

    assert counts(run) == (2, 0, 1, 1, 0)
    old.refresh_from_db()
    assert (old.program_name, old.published) == ("Outpatient", False)


def test_a_listing_matched_by_identity_is_never_paired_again(empty_directory, tmp_path):
    # Two programs at one site: "Outpatient" comes back as it was, "Residential"
    # is renamed. The unchanged one is no candidate for the renamed row, which
    # therefore has exactly one: the program it replaces.
    outpatient = facility_row(1, Name2="Outpatient")
    edition(tmp_path, 2023, outpatient, facility_row(1, Name2="Residential"), facility_row(2))
    kept, replaced = listing(street1="1 Main Street", program_name="Outpatient"), listing(program_name="Residential")

    run = edition(tmp_path, 2024, outpatient, facility_row(1, Name2="Residential Rehabilitation"), facility_row(2))

    assert counts(run) == (0, 1, 2, 0, 1)
    assert Facility.objects.get(public_id=kept.public_id).content_hash == kept.content_hash
    assert Facility.objects.get(public_id=replaced.public_id).program_name == "Residential Rehabilitation"


def test_a_different_organization_moving_into_the_same_suite_is_not_paired(empty_directory, tmp_path):
    # Same ZIP and street only: an office building, a new tenant with its own phone.
    edition(tmp_path, 2023, facility_row(1), facility_row(2))
    old = listing(name="Test Recovery Center 2")
    newcomer = facility_row(2, Name1="Other Counseling LLC", Name2="", Phone="713-555-0200")

    run = edition(tmp_path, 2024, facility_row(1), newcomer)

    assert counts(run) == (1, 0, 1, 1, 0)
    old.refresh_from_db()
    assert not old.published


def test_other_sources_meet_listings_by_identity_but_are_never_paired_as_renames(empty_directory, tmp_path):
    edition(tmp_path, 2023, facility_row(1), facility_row(2))
    renamed = facility_row(2, Name1="Bayou City Recovery")
    path = write_workbook(tmp_path / "other-2024.xlsx", extra_rows=[facility_row(1), renamed])

    run = import_directory(source=str(path), dataset="findtreatment")

    # Row 1 is the same listing (nothing new to say); the renamed row is a new listing, not a guess.
    assert counts(run) == (1, 0, 1, 0, 0)
    assert listing(name="Test Recovery Center 2").published
    assert Facility.objects.get(name="Bayou City Recovery").dataset == "findtreatment"


def test_importing_the_renamed_edition_again_writes_nothing(empty_directory, tmp_path):
    edition(tmp_path, 2023, facility_row(1), facility_row(2))
    edition(tmp_path, 2024, facility_row(1), facility_row(2, Name1="Bayou City Recovery"))
    before = list(Facility.objects.order_by("pk").values_list("pk", "public_id", "identity_key", "updated_at"))

    with CaptureQueriesContext(connection) as queries:
        again = edition(tmp_path, 2024, facility_row(1), facility_row(2, Name1="Bayou City Recovery"))

    assert counts(again) == (0, 0, 2, 0, 0)
    writes = [q["sql"] for q in queries if "directory_facility" in q["sql"] and not q["sql"].startswith("SELECT")]
    assert writes == []
    assert list(Facility.objects.order_by("pk").values_list("pk", "public_id", "identity_key", "updated_at")) == before


def test_a_new_listing_under_a_kept_listings_old_identity_gets_its_own_public_id(empty_directory, tmp_path):
    # 2024 renames the program, which keeps the public_id its 2023 identity gave
    # it; in 2025 a listing with that 2023 identity appears again beside it.
    edition(tmp_path, 2023, facility_row(1), facility_row(2))
    kept = listing(name="Test Recovery Center 2")
    edition(tmp_path, 2024, facility_row(1), facility_row(2, Name1="Bayou City Recovery"))

    run = edition(tmp_path, 2025, facility_row(1), facility_row(2, Name1="Bayou City Recovery"), facility_row(2))

    assert counts(run) == (1, 0, 2, 0, 0)
    assert Facility.objects.get(public_id=kept.public_id).name == "Bayou City Recovery"
    returned = listing(name="Test Recovery Center 2")
    assert returned.public_id != kept.public_id
    assert kept.public_id == public_id_for("samhsa-nd", kept.identity_key)


def test_the_command_says_how_many_listings_were_kept_through_a_rename(empty_directory, tmp_path, capsys):
    edition(tmp_path, 2023, facility_row(1), facility_row(2))
    path = write_workbook(tmp_path / "directory-2024.xlsx", extra_rows=[facility_row(1, Name2="IOP"), facility_row(2)])

    call_command("import_directory", str(path))

    assert "1 updated (1 kept through a rename or move)" in capsys.readouterr().out
