"""GET /api/v1/facilities and /facilities/{id} on the real 2023 directory."""

import re

import pytest

from api.schemas import FacilitySearchResult
from directory.models import Facility

pytestmark = pytest.mark.django_db

# Real queries a case manager might send, as the search page's own URLs.
PAGE_QUERIES = [
    "where=77002&pay=medicaid",
    "where=10001",
    "where=10001&page=3",
    "where=Houston, TX&care=iop&care=partial&tele=yes",
    "where=90012&radius=5&care=",
    "where=60601&med=buprenorphine&serves=women&lang=spanish",
    "where=Vermont",
    "where=WY&care=residential",
    "lat=47.61&lon=-122.33&radius=10&approach=cbt",
    "where=98101&name=recovery",
]


def page_ids(client, query: str) -> list[str]:
    html = client.get(f"/search/?{query}").content.decode()
    return list(dict.fromkeys(re.findall(r'href="/facility/([a-z0-9]+)/"', html)))


@pytest.mark.parametrize("query", PAGE_QUERIES)
def test_it_lists_the_same_facilities_in_the_same_order_as_the_results_page(client, query):
    expected = page_ids(client, query)
    response = client.get(f"/api/v1/facilities?{query}")
    assert response.status_code == 200
    assert [hit["id"] for hit in response.json()["results"]] == expected
    assert expected or query.startswith("where=98101"), "a page query found nothing: the check would be vacuous"


@pytest.mark.parametrize("query", PAGE_QUERIES)
def test_each_answer_is_what_validating_it_against_the_schema_gives(client, query):
    # The answers are built without validation (api/facilities.py): validated again, not a byte may change.
    body = client.get(f"/api/v1/facilities?{query}").content.decode()
    assert FacilitySearchResult.model_validate_json(body).model_dump_json() == body


def test_it_returns_distances_the_applied_query_the_total_and_facets(client):
    body = client.get("/api/v1/facilities?where=77002&pay=medicaid&page_size=5").json()
    assert body["query"]["location"]["label"] == "77002 (Houston, TX)"
    assert body["query"]["filters"] == {"care": ["iop"], "pay": ["medicaid"]}
    assert body["query"]["radius_miles"] == 25
    assert body["total"] > 5 and len(body["results"]) == 5
    distances = [hit["distance_miles"] for hit in body["results"]]
    assert distances == sorted(distances) and all(d <= 25 for d in distances)
    payment = next(group for group in body["facets"] if group["key"] == "pay")
    medicaid = next(option for option in payment["options"] if option["key"] == "medicaid")
    assert medicaid == {"key": "medicaid", "label": "Medicaid", "count": body["total"], "selected": True}


def test_it_pages_with_a_page_size_up_to_100_and_no_more(client):
    all_at_once = client.get("/api/v1/facilities?where=10001&page_size=100").json()
    first = client.get("/api/v1/facilities?where=10001&page_size=50").json()
    second = client.get("/api/v1/facilities?where=10001&page_size=50&page=2").json()
    assert [h["id"] for h in first["results"] + second["results"]] == [h["id"] for h in all_at_once["results"]][:100]
    too_big = client.get("/api/v1/facilities?where=10001&page_size=101")
    assert too_big.status_code == 400
    assert "page_size" in too_big.json()["fields"]


@pytest.mark.parametrize(
    ("query", "error"),
    [
        ("", "missing_location"),
        ("lat=40", "missing_location"),
        ("where=00000", "location_not_found"),
        ("where=Springfield", "location_not_found"),
        ("where=77002&radius=7", "invalid_query"),
        ("where=77002&pay=gold", "invalid_query"),
        ("where=77002&page=0", "invalid_query"),
        ("lat=95&lon=0", "invalid_query"),
        ("lat=abc&lon=1", "invalid_query"),
        ("where=" + "9" * 500, "invalid_query"),
    ],
)
def test_it_answers_a_bad_query_with_a_400_and_a_clear_message(client, query, error):
    response = client.get(f"/api/v1/facilities?{query}")
    assert response.status_code == 400
    body = response.json()
    assert body["error"] == error
    assert len(body["message"]) > 20


def test_it_suggests_places_for_a_city_without_its_state(client):
    body = client.get("/api/v1/facilities?where=Springfield").json()
    assert {"label": "Springfield, IL", "where": "Springfield, IL"} in body["suggestions"]


def test_it_suggests_the_city_meant_by_a_misspelt_one(client):
    body = client.get("/api/v1/facilities?where=Huston, TX").json()
    assert body["suggestions"][0] == {"label": "Houston, TX", "where": "Houston, TX"}


def test_it_says_how_a_pasted_street_address_was_searched(client):
    body = client.get("/api/v1/facilities?where=901 Bagby St, Houston, TX 77002").json()
    location = body["query"]["location"]
    assert location["label"] == "77002 (Houston, TX)" and "77002" in location["note"]
    assert body["total"] > 0


def test_it_describes_one_facility_with_services_by_category_phones_and_source(client):
    facility = Facility.objects.filter(published=True).exclude(intake_phones=[])[0]
    body = client.get(f"/api/v1/facilities/{facility.public_id}").json()
    assert body["id"] == facility.public_id
    assert body["source"]["edition"] == 2023 and body["source"]["dataset"] == "samhsa-nd"
    assert body["coordinates"]["precision"] == facility.coordinate_precision
    codes = {service["code"] for category in body["services"] for service in category["services"]}
    assert len(codes) == len(facility.service_bits())
    kinds = [phone["kind"] for phone in body["phones"]]
    assert kinds[0] == "main" and "intake" in kinds
    assert body["phones"][0]["tel"].startswith("tel:+1-")


def test_it_answers_410_with_an_explanation_for_a_listing_no_longer_published(client):
    facility = Facility.objects.filter(published=True)[0]
    Facility.objects.filter(pk=facility.pk).update(published=False)
    response = client.get(f"/api/v1/facilities/{facility.public_id}")
    assert response.status_code == 410
    body = response.json()
    assert body["error"] == "unpublished" and body["id"] == facility.public_id
    assert "no longer" in body["message"]


def test_it_answers_404_in_json_for_an_unknown_facility(client):
    response = client.get("/api/v1/facilities/nosuchplace")
    assert response.status_code == 404
    assert response.json()["error"] == "not_found"
