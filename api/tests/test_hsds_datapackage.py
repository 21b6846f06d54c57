"""The directory as an HSDS 3.0 tabular datapackage: `manage.py export_hsds`, /hsds/datapackage.zip, and
its build after each import; its tables checked against Open Referral's compiled/tabular.json and the database."""

import csv
import io
import json
import zipfile
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from api.hsds.datapackage import TABLES, write_zip
from api.hsds.datapackage_view import package_path
from api.hsds.taxonomy import current_taxonomy
from api.tests.hsds_official import BASE, file_validator, registry
from directory.models import Facility
from imports.latest import latest_import
from imports.models import ImportRun

pytestmark = pytest.mark.django_db
# One row in this many of each table is validated (attributes, one per code a listing offers, are most rows).
SAMPLE_EVERY = {"attribute": 100, "phone": 10, "taxonomy": 1, "taxonomy_term": 1}
OTHERWISE_EVERY = 7


@pytest.fixture(scope="module")
def whole_package(django_db_setup, tmp_path_factory, django_db_blocker) -> dict:
    """The whole real directory's package, built once: {file name: text}."""
    path = tmp_path_factory.mktemp("hsds") / "package.zip"
    with django_db_blocker.unblock():
        write_zip(path)
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name).decode() for name in archive.namelist()}


def rows_of(package: dict, file: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(package[file])))


def tabular_tables() -> dict:
    return registry().contents(BASE + "compiled/tabular.json")["properties"]


def test_every_table_has_a_row_per_object_in_the_database(whole_package):
    published = Facility.objects.filter(published=True)
    listings = published.count()
    assert listings == 12744
    for table in ("organization", "service", "location", "address", "service_at_location"):
        assert len(rows_of(whole_package, TABLES[table][0])) == listings, table
    phones = sum(len(facility.phone_numbers()) for facility in published)
    assert len(rows_of(whole_package, "phones.csv")) == phones > listings
    taxonomy = current_taxonomy()
    known = taxonomy_bits()
    offered = sum(sum(1 for bit in f.service_bits() if bit in known) for f in published)
    assert len(rows_of(whole_package, "attributes.csv")) == offered
    assert len(rows_of(whole_package, "taxonomy_terms.csv")) == len(taxonomy.terms)
    assert len(rows_of(whole_package, "taxonomies.csv")) == 1
    descriptor = json.loads(whole_package["datapackage.json"])
    assert {r["name"]: r["rows"] for r in descriptor["resources"]}["service"] == listings


def taxonomy_bits() -> set[int]:
    from directory.models import Service

    known = set(current_taxonomy().by_code)
    return {bit for code, bit in Service.objects.values_list("code", "bit") if code in known}


def test_the_ids_are_those_of_the_api(whole_package, client):
    services = {row["id"]: row for row in rows_of(whole_package, "services.csv")}
    listed = client.get("/hsds/services?per_page=100&page=7").json()["contents"]
    for item in listed:
        row = services[item["id"]]
        assert (row["name"], row["organization_id"], row["status"]) == (item["name"], item["organization_id"], "active")


def test_the_tables_follow_open_referrals_tabular_file(whole_package):
    descriptor = json.loads(whole_package["datapackage.json"])
    official = tabular_tables()
    assert descriptor["profile"] == "tabular-data-package"
    for resource in descriptor["resources"]:
        table = official[resource["name"]]["items"]
        assert resource["path"] == table["path"]
        scalar = {name: spec for name, spec in table["properties"].items() if spec.get("type") != "array"}
        assert [field["name"] for field in resource["schema"]["fields"]] == list(scalar)
        header = next(csv.reader(io.StringIO(whole_package[resource["path"]])))
        assert header == list(scalar)
        for field in resource["schema"]["fields"]:
            spec = scalar[field["name"]]
            assert field["type"] == spec.get("datapackage_type", spec["type"])
            assert field.get("format") == (spec.get("format") if field["type"] == "string" else None)
            assert field.get("constraints", {}).get("required", False) == (field["name"] in table.get("required", []))


def test_every_row_is_valid_against_its_official_table(whole_package):
    official = tabular_tables()
    for table, (file, _) in TABLES.items():
        spec = official[table]["items"]
        scalar = {name: field for name, field in spec["properties"].items() if field.get("type") != "array"}
        validator = type(file_validator("compiled/tabular.json"))(
            {**spec, "properties": scalar}, format_checker=file_validator("compiled/tabular.json").format_checker
        )
        rows = rows_of(whole_package, file)
        # Schedules come only from programs' own facts, which the imported directory has none of
        # (programs/tests/test_hsds.py checks a package that has them).
        assert rows or table == "schedule", table
        for row in rows[:: SAMPLE_EVERY.get(table, OTHERWISE_EVERY)]:
            typed = {
                name: float(value) if scalar[name]["type"] == "number" else value
                for name, value in row.items()
                if value != ""
            }
            errors = [error.message for error in validator.iter_errors(typed)]
            assert not errors, (table, row, errors[:3])


def test_the_package_says_when_it_was_made_and_credits_samhsa_and_open_referral(whole_package):
    descriptor = json.loads(whole_package["datapackage.json"])
    assert descriptor["created"][:4] >= "2024"
    titles = " ".join(source["title"] for source in descriptor["sources"])
    assert "SAMHSA National Directory, 2023 edition" in titles and "Open Referral" in titles
    assert "public domain" in descriptor["description"] and "CC BY-SA 4.0" in descriptor["description"]


# ---------------------------------------------------- a small directory
@pytest.fixture
def small_directory():
    """Forty published listings, so that building a package takes a moment."""
    keep = list(Facility.objects.filter(published=True).order_by("id").values_list("id", flat=True)[:40])
    Facility.objects.exclude(pk__in=keep).update(published=False)
    return Facility.objects.filter(pk__in=keep)


def test_export_hsds_writes_the_package_into_a_folder(small_directory, tmp_path, capsys):
    call_command("export_hsds", str(tmp_path / "out"))
    written = {path.name for path in (tmp_path / "out").iterdir()}
    assert written == {"datapackage.json", *(file for file, _ in TABLES.values())}
    with (tmp_path / "out" / "services.csv").open() as services:
        assert len(list(csv.DictReader(services))) == 40
    assert "services.csv" in capsys.readouterr().out


def test_export_hsds_will_not_write_over_a_package(small_directory, tmp_path):
    call_command("export_hsds", str(tmp_path))
    with pytest.raises(CommandError, match="already holds"):
        call_command("export_hsds", str(tmp_path))
    (tmp_path / "file").write_text("x")
    with pytest.raises(CommandError, match="is a file"):
        call_command("export_hsds", str(tmp_path / "file"))


def read_zip(response) -> dict:
    with zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content))) as archive:
        return {name: archive.read(name).decode() for name in archive.namelist()}


def test_the_served_package_is_the_latest_imports_and_is_built_once(small_directory, client, settings, tmp_path):
    settings.HSDS_DATAPACKAGE_DIR = tmp_path
    response = client.get("/hsds/datapackage.zip")
    assert response.status_code == 200 and response["Content-Type"] == "application/zip"
    finished_at = latest_import().finished_at
    assert finished_at is not None
    finished = finished_at.date().isoformat()
    assert f'filename="iopfinder-hsds-{finished}.zip"' in response["Content-Disposition"]
    assert len(rows_of(read_zip(response), "services.csv")) == 40
    built = package_path(latest_import().import_id, latest_import().finished_at)
    made = built.stat().st_mtime_ns
    again = client.get("/hsds/datapackage.zip/")
    assert again.status_code in (200, 404)  # the trailing slash is not a second name for the file
    assert client.get("/hsds/datapackage.zip").status_code == 200 and built.stat().st_mtime_ns == made


def test_a_package_being_built_elsewhere_is_a_503_to_retry(small_directory, client, settings, tmp_path):
    settings.HSDS_DATAPACKAGE_DIR = tmp_path
    path = package_path(latest_import().import_id, latest_import().finished_at)
    path.with_suffix(".building").write_text("")
    response = client.get("/hsds/datapackage.zip")
    assert response.status_code == 503 and int(response["Retry-After"]) > 0
    assert response.json()["message"]


def test_a_successful_import_builds_its_package(
    small_directory, settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.HSDS_DATAPACKAGE_DIR, settings.HSDS_DATAPACKAGE_AFTER_IMPORT = tmp_path, True
    with django_capture_on_commit_callbacks(execute=True):
        run = ImportRun.objects.create(source="test", dataset="samhsa-nd", edition=2023)
        failed = ImportRun.objects.create(source="broken", status=ImportRun.Status.FAILED)
        run.status = ImportRun.Status.SUCCEEDED
        run.save()
    assert package_path(run.pk, run.finished_at).is_file()
    assert not list(Path(tmp_path).glob(f"*-import-{failed.pk}-*"))


def test_without_an_import_there_is_no_package(empty_directory, client, settings, tmp_path):
    settings.HSDS_DATAPACKAGE_DIR = tmp_path
    response = client.get("/hsds/datapackage.zip")
    assert response.status_code == 404 and response.json()["message"]
