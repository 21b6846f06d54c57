"""A FindTreatment.gov export enriches the national directory's listings instead of landing beside them."""

import json
import re

import pytest

from conftest import FINDTREATMENT_SAMPLE
from directory.geocoding import Point
from directory.models import Facility
from directory.search import SearchQuery, search_facilities
from directory.selectors import directory_overview
from imports.models import SourceRecord
from imports.services import import_directory

pytestmark = pytest.mark.django_db


def stamps(listing: Facility) -> dict:
    return listing.provenance or {}


def flags(listing: Facility) -> dict:
    return listing.review_flags or {}


def sample_rows() -> list[dict]:
    return json.loads(FINDTREATMENT_SAMPLE.read_text())["rows"]


def folded(*parts: str | None) -> tuple[str, ...]:
    return tuple(re.sub(r"\s+", " ", (part or "").strip().lower()) for part in parts)


def rows_listed_in_the_directory() -> dict[str, Facility]:
    """Sample rows whose name, program and street match a published 2023 listing, found without the importer."""
    by_address = {
        folded(f.name, f.program_name, f.street1, f.street2, f.zip_code): f
        for f in Facility.objects.filter(published=True, zip_code__in={row["zip"] for row in sample_rows()})
    }
    found = {}
    for row in sample_rows():
        key = folded(row["name1"], row["name2"], row["street1"], row["street2"], row["zip"])
        if key in by_address:
            found[row["frid"]] = by_address[key]
    return found


def programs_near(zip_point: Point, miles: float) -> set[int]:
    result = search_facilities(SearchQuery(point=zip_point, radius_miles=miles, filters={}, page_size=1000))
    return {hit.facility.pk for hit in result.hits}


def test_an_older_export_publishes_no_duplicates_and_no_closed_programs():
    charlottesville = Point(38.0293, -78.4767)
    before = programs_near(charlottesville, 5)
    published = Facility.objects.filter(published=True).count()
    matched = rows_listed_in_the_directory()
    run = import_directory(source=str(FINDTREATMENT_SAMPLE))
    assert Facility.objects.filter(published=True).count() == published
    # Only listings the export placed more exactly can move into the circle; nothing new appears in it.
    assert programs_near(charlottesville, 5) - before <= {listing.pk for listing in matched.values()}
    assert run.added == 0
    assert run.rejected == len(sample_rows()) - len(matched)
    assert all("kept as a source record" in row["reason"] for row in run.rejected_rows)


def test_an_older_export_gives_matched_listings_its_coordinates_and_nothing_newer_is_replaced():
    matched = rows_listed_in_the_directory()
    assert matched, "the sample describes some 2023 listings"
    before = {frid: (f.phone, f.service_words, f.edition) for frid, f in matched.items()}
    import_directory(source=str(FINDTREATMENT_SAMPLE))
    rows = {row["frid"]: row for row in sample_rows()}
    for frid, listing in matched.items():
        listing.refresh_from_db()
        assert (listing.latitude, listing.longitude) == (float(rows[frid]["latitude"]), float(rows[frid]["longitude"]))
        assert listing.coordinate_precision == "source"
        assert stamps(listing)["position"]["dataset"] == "findtreatment"
        assert (listing.phone, listing.service_words, listing.edition) == before[frid]
        assert stamps(listing)["phone"]["dataset"] == "samhsa-nd"
        assert SourceRecord.objects.filter(facility=listing, dataset="findtreatment", source_ref=frid).exists()


def test_an_older_export_never_changes_the_sites_edition():
    import_directory(source=str(FINDTREATMENT_SAMPLE))
    overview = directory_overview()
    assert overview.edition_import is not None and overview.edition_import.edition == 2023
    assert [run.dataset for run in overview.sources] == ["samhsa-nd", "findtreatment"]


def test_the_directory_takes_back_a_listing_and_keeps_the_exports_better_position():
    import_directory(source=str(FINDTREATMENT_SAMPLE))
    matched = rows_listed_in_the_directory()
    positions = {frid: (f.latitude, f.longitude) for frid, f in matched.items()}
    from conftest import DIRECTORY_2023

    run = import_directory(source=str(DIRECTORY_2023), edition=2023)
    assert (run.added, run.updated, run.removed) == (0, 0, 0)
    for frid, listing in matched.items():
        listing.refresh_from_db()
        assert (listing.latitude, listing.longitude) == positions[frid]
        assert listing.dataset == "samhsa-nd"
        assert stamps(listing)["phone"]["dataset"] == "samhsa-nd"
    assert import_directory(source=str(DIRECTORY_2023), edition=2023).unchanged == 12744
