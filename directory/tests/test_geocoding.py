"""Geocoding: ZIP centers offline, and the Census batch geocoder on recorded answers only."""

import io
import urllib.error
from pathlib import Path

import pytest

from directory.geocoding import (
    AddressQuery,
    CensusGeocoder,
    GeocodingError,
    Point,
    city_centroid,
    parse_census_batch,
    street_geocoder,
    zip_centroids,
)

RECORDED = Path(__file__).parent / "recorded" / "census-batch-response.csv"
ADDRESSES = [
    AddressQuery("1", "750 Highway 31 South", "Alabaster", "AL", "35007"),
    AddressQuery("2", "12 Nowhere Lane", "Alabaster", "AL", "35007"),
]


class RecordedOpener:
    """Stands in for the network: answers every request with the recorded file."""

    def __init__(self, answer: bytes | Exception):
        self.answer = answer
        self.requests: list = []

    def __call__(self, request, timeout):
        self.requests.append((request, timeout))
        if isinstance(self.answer, Exception):
            raise self.answer
        return io.BytesIO(self.answer)


@pytest.mark.django_db
def test_a_zip_code_is_placed_at_its_center():
    assert zip_centroids(["35007", "99999"]) == {"35007": Point(33.1934, -86.7944)}


@pytest.mark.django_db
def test_a_city_without_a_known_zip_is_placed_at_its_center():
    point = city_centroid("alabaster", "AL")
    assert point is not None and abs(point.latitude - 33.19) < 0.2
    assert city_centroid("Atlantis", "AL") is None


def test_only_matched_addresses_get_coordinates():
    points = parse_census_batch(RECORDED.read_text())
    assert points == {"1": Point(33.231579, -86.816273), "4": Point(38.897675, -77.036543)}


def test_the_census_geocoder_sends_the_addresses_as_a_csv_batch_with_a_timeout():
    opener = RecordedOpener(RECORDED.read_bytes())
    points = CensusGeocoder(timeout=7, opener=opener).geocode_batch(ADDRESSES)
    assert points["1"] == Point(33.231579, -86.816273)
    request, timeout = opener.requests[0]
    assert timeout == 7 and request.full_url.startswith("https://geocoding.geo.census.gov/")
    assert b"750 Highway 31 South" in request.data


@pytest.mark.parametrize("failure", [TimeoutError("timed out"), urllib.error.URLError("no route to host")])
def test_an_unreachable_geocoder_raises_its_own_error(failure):
    with pytest.raises(GeocodingError, match="could not be reached"):
        CensusGeocoder(opener=RecordedOpener(failure)).geocode_batch(ADDRESSES)


def test_a_nonsense_answer_raises_its_own_error():
    nonsense = b'"1","x","Match","Exact","x","not a coordinate"\n'
    with pytest.raises(GeocodingError, match="unreadable coordinate"):
        CensusGeocoder(opener=RecordedOpener(nonsense)).geocode_batch(ADDRESSES)


def test_street_geocoding_is_off_unless_configured():
    assert street_geocoder("", timeout=5) is None
    assert isinstance(street_geocoder("census", timeout=5), CensusGeocoder)
    with pytest.raises(GeocodingError, match="unknown STREET_GEOCODER"):
        street_geocoder("google", timeout=5)


@pytest.mark.django_db
def test_an_import_with_a_street_geocoder_records_street_precision(tmp_path, empty_directory):
    from imports.services import import_directory
    from imports.tests.workbooks import write_workbook

    class OneMatch:
        def geocode_batch(self, addresses):
            return {addresses[0].key: Point(29.75, -95.36)}

    import_directory(source=str(write_workbook(tmp_path / "d-2024.xlsx", rows=2)), geocoder=OneMatch())
    from directory.models import Facility

    precisions = dict(Facility.objects.values_list("name", "coordinate_precision"))
    assert precisions == {"Test Recovery Center 1": "street", "Test Recovery Center 2": "zip"}


@pytest.mark.django_db
def test_a_failing_street_geocoder_falls_back_to_zip_centers_with_a_warning(tmp_path, empty_directory):
    from imports.services import import_directory
    from imports.tests.workbooks import write_workbook

    geocoder = CensusGeocoder(opener=RecordedOpener(TimeoutError("timed out")))
    run = import_directory(source=str(write_workbook(tmp_path / "d-2024.xlsx", rows=2)), geocoder=geocoder)
    assert run.added == 2 and "Street geocoding skipped" in run.warnings[0]
