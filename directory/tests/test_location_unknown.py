"""A listing whose ZIP code has no real center: found by state and name, never by distance, never at (0, 0)."""

import openpyxl
import pytest

from conftest import DIRECTORY_2022
from directory.geocoding import Point, locate, zip_centroids
from directory.models import CoordinatePrecision, Facility, Place
from directory.search import SearchQuery, search_facilities

pytestmark = pytest.mark.django_db


@pytest.fixture
def unknown():
    """A real Houston listing whose position is unknown."""
    facility = Facility.objects.filter(published=True, city="Houston", state="TX").order_by("pk").first()
    assert facility is not None
    Facility.objects.filter(pk=facility.pk).update(
        latitude=None, longitude=None, coordinate_precision=CoordinatePrecision.UNKNOWN
    )
    facility.refresh_from_db()
    return facility


def test_it_is_never_found_by_distance(unknown):
    center = Place.objects.get(zip_code=unknown.zip_code[:5])
    assert center.latitude is not None and center.longitude is not None
    for point in (Point(center.latitude, center.longitude), Point(0.0, 0.0)):
        for radius in (5, 100):
            result = search_facilities(SearchQuery(point=point, radius_miles=radius, filters={}, page_size=100_000))
            assert unknown.pk not in {hit.facility.pk for hit in result.hits}


def test_it_is_found_by_state_and_by_name(unknown):
    by_state = search_facilities(SearchQuery(state="TX", name=unknown.name[:12], filters={}, page_size=1000))
    assert unknown.pk in {hit.facility.pk for hit in by_state.hits}
    by_city = search_facilities(SearchQuery(state="TX", city="Houston", filters={}, page_size=10_000))
    assert unknown.pk in {hit.facility.pk for hit in by_city.hits}


def test_its_page_and_card_say_the_location_is_unknown(client, unknown):
    page = client.get(unknown.get_absolute_url()).content.decode()
    assert "Its location is unknown" in page and '"geo"' not in page
    results = client.get("/search/", {"where": "Texas", "name": unknown.name[:12], "care": ""}).content.decode()
    card = next(c for c in results.split('<li class="hit"')[1:] if unknown.get_absolute_url() in c)
    assert "Location unknown" in card and "data-lat" not in card


def test_the_api_gives_no_position_for_it(client, unknown):
    body = client.get(f"/api/v1/facilities/{unknown.public_id}").json()
    assert body["coordinates"]["latitude"] is None and body["coordinates"]["precision"] == "unknown"


def yap_rows() -> list[dict]:
    sheet = openpyxl.load_workbook(DIRECTORY_2022, read_only=True)["Facilities List"]
    rows = sheet.iter_rows(values_only=True)
    header = [str(name).lower() for name in next(rows)]
    return [row for row in (dict(zip(header, values, strict=False)) for values in rows) if row["state"] == "FM"]


def test_the_2022_yap_listing_is_located_unknown_not_at_zero_zero():
    rows = yap_rows()
    assert any(row["zip"] == "96943" for row in rows)
    centers = zip_centroids(row["zip"] for row in rows)
    for row in rows:
        located = locate(
            source=None, street=None, zip_code=row["zip"], city=row["city"], state="FM", zip_centers=centers
        )
        assert located.point is None and located.precision == CoordinatePrecision.UNKNOWN, row


def test_a_listing_with_a_real_zip_center_is_placed_there():
    centers = zip_centroids(["77002"])
    located = locate(source=None, street=None, zip_code="77002", city="Houston", state="TX", zip_centers=centers)
    assert located.point == centers["77002"] and located.precision == CoordinatePrecision.ZIP
