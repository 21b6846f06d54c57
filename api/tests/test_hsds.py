"""HSDS 3.0 endpoints, their page envelope, and their objects checked against a JSON Schema.

The schema is NOT the official HSDS 3.0 file (that could not be fetched here):
it is our own, written from the HSDS 3.0 field list, with HSDS's property
names, types, required fields and enumerations and no other properties
allowed. See hsds_schema/README.md.
"""

import json
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator
from referencing import Registry, Resource

from directory.models import Facility

pytestmark = pytest.mark.django_db

SCHEMA_FILE = Path(__file__).parent / "hsds_schema" / "hsds-3.0-written-from-the-field-list.json"
SCHEMA = json.loads(SCHEMA_FILE.read_text())
REGISTRY = Registry().with_resource(SCHEMA["$id"], Resource.from_contents(SCHEMA))


def validator(definition: str) -> Draft202012Validator:
    return Draft202012Validator({"$ref": f"{SCHEMA['$id']}#/$defs/{definition}"}, registry=REGISTRY)


def assert_valid(body: object, definition: str) -> None:
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator(definition).iter_errors(body)]
    assert not errors, errors[:5]


def assert_page_of(body: dict, definition: str) -> None:
    assert_valid(body, "page")
    assert body["contents"], "an empty page would make the check vacuous"
    for item in body["contents"]:
        assert_valid(item, definition)


def test_the_schema_rejects_what_hsds_does_not_allow():
    assert list(validator("service").iter_errors({"id": "not-a-uuid", "name": "x", "status": "open"}))
    bad_location = {"id": "6f3c1d2e-9a41-5b7e-8c55-1f0e2a3b4c5d", "location_type": "physical", "zip": "1"}
    assert list(validator("location").iter_errors(bad_location))


def test_the_root_gives_the_hsds_version(client):
    body = client.get("/hsds/").json()
    assert body["version"] == "3.0"
    assert (
        body["openapi_url"].endswith("/schema/openapi.json") and "openreferral/specification/3.0" in body["openapi_url"]
    )
    assert "/service_at_locations" in body["description"] and body["publisher"]["name"] == "IOP Finder"


def test_services_are_paged_in_the_hsds_envelope_and_valid(client):
    body = client.get("/hsds/services?per_page=50&page=2").json()
    assert_page_of(body, "service")
    assert body["total_items"] == 12744
    assert body["total_pages"] == 255 and body["page_number"] == 2 and body["size"] == 50
    assert body["first_page"] is False and body["last_page"] is False and body["empty"] is False


def test_one_service_is_complete_and_valid_with_taxonomy_terms_phones_and_languages(client):
    listed = client.get("/hsds/services?search=recovery&per_page=100").json()["contents"]
    full = [client.get(f"/hsds/services/{service['id']}").json() for service in listed[:40]]
    for service in full:
        assert_valid(service, "service")
    assert all(service["attributes"] for service in full)
    codes = {a["taxonomy_term"]["code"] for service in full for a in service["attributes"]}
    assert "OIT" in codes
    assert any(service["languages"] for service in full)
    assert all(service["service_at_locations"][0]["location"]["addresses"] for service in full)
    assert any(phone.get("extension") for service in full for phone in service["phones"]) or all(
        service["phones"] for service in full
    )


def test_an_unknown_service_id_is_a_404(client):
    response = client.get("/hsds/services/00000000-0000-0000-0000-000000000000")
    assert response.status_code == 404
    assert response.json()["error"] == "not_found"


def test_organizations_are_paged_and_valid(client):
    assert_page_of(client.get("/hsds/organizations?per_page=100").json(), "organization")


def test_service_at_locations_by_postcode_are_exactly_that_zip_code(client):
    body = client.get("/hsds/service_at_locations?postcode=77002").json()
    assert_page_of(body, "service_at_location")
    expected = Facility.objects.filter(published=True, zip_code="77002").count()
    assert body["total_items"] == expected
    assert {item["location"]["addresses"][0]["postal_code"] for item in body["contents"]} == {"77002"}


def test_service_at_locations_by_proximity_come_nearest_first_through_the_search(client):
    # HSDS 3.0: proximity is metres from the centre of the postcode; 16,093.44 m is 10 miles.
    body = client.get("/hsds/service_at_locations?postcode=77002&proximity=16093.44&per_page=100").json()
    assert_page_of(body, "service_at_location")
    api = client.get("/api/v1/facilities?where=77002&radius=10&care=&page_size=100").json()
    assert body["total_items"] == api["total"]
    assert [item["location"]["external_identifier"] for item in body["contents"]] == [h["id"] for h in api["results"]]


@pytest.mark.parametrize(
    "query",
    [
        "/hsds/services?per_page=101",
        "/hsds/services?page=0",
        "/hsds/organizations?per_page=abc",
        "/hsds/service_at_locations?postcode=7700",
        "/hsds/service_at_locations?proximity=16000",
        "/hsds/service_at_locations?postcode=77002&proximity=north",
        "/hsds/service_at_locations?postcode=77002&proximity=0",
        "/hsds/service_at_locations?postcode=77002&proximity=29.7,-95.3",
        "/hsds/service_at_locations?postcode=77002&proximity=160935",
        "/hsds/service_at_locations?postcode=00000&proximity=1000",
    ],
)
def test_bad_parameters_get_a_400_with_a_message(client, query):
    response = client.get(query)
    assert response.status_code == 400
    assert response.json()["message"]


def test_a_page_past_the_end_is_empty_not_an_error(client):
    body = client.get("/hsds/services?page=100000&per_page=100").json()
    assert body["empty"] is True and body["contents"] == [] and body["last_page"] is True


def test_a_proximity_page_is_built_from_a_fixed_number_of_queries(client, django_assert_max_num_queries):
    # Hits carry only a card's fields: reading the rest one facility at a time would cost a query per field.
    with django_assert_max_num_queries(8):
        body = client.get("/hsds/service_at_locations?postcode=10001&proximity=16000&per_page=100").json()
    assert len(body["contents"]) == 100
