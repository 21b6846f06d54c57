"""The HSDS 3.0 API's behavior: paging, every list parameter of openapi.json, ids, trailing slashes, errors.

Whether each answer is valid HSDS is test_hsds_official_schema.py's job.
"""

import json
from datetime import timedelta

import pytest
from django.utils import timezone

from api.hsds.taxonomy import TAXONOMY_ID
from directory.hsds_ids import hsds_id
from directory.models import Facility, Service
from directory.search import SearchQuery, search_facilities

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_rate_limit(settings):
    settings.API_RATE_LIMIT = 0


def every_id(client, url: str) -> list[str]:
    """The public ids of every item of every page of a list."""
    found, page = [], 1
    while True:
        body = client.get(f"{url}&per_page=100&page={page}").json()
        found += [item.get("external_identifier") or item["id"] for item in body["contents"]]
        if body["last_page"]:
            return found
        page += 1


def service_ids(facilities) -> set[str]:
    return {hsds_id("service", public_id) for public_id in facilities.values_list("public_id", flat=True)}


def test_the_root_gives_the_hsds_version_and_the_official_openapi_file(client):
    body = client.get("/hsds/").json()
    assert body["version"] == "3.0"
    assert body["openapi_url"].endswith("openreferral/specification/3.0/schema/openapi.json")
    assert "/taxonomy_terms" in body["description"] and body["publisher"]["name"] == "IOP Finder"


def test_services_are_paged_in_the_hsds_envelope(client):
    body = client.get("/hsds/services?per_page=50&page=2").json()
    assert body["total_items"] == Facility.objects.filter(published=True).count() == 12744
    assert body["total_pages"] == 255 and body["page_number"] == 2 and body["size"] == 50
    assert body["first_page"] is False and body["last_page"] is False and body["empty"] is False


def test_pages_of_every_list_neither_overlap_nor_skip(client):
    first = client.get("/hsds/services?per_page=100").json()["contents"]
    second = client.get("/hsds/services?per_page=100&page=2").json()["contents"]
    both = client.get("/hsds/services?per_page=200").status_code
    assert both == 400
    ids = [item["id"] for item in first + second]
    assert len(set(ids)) == 200
    by_id = Facility.objects.filter(published=True).order_by("id")[:200]
    assert ids == [hsds_id("service", facility.public_id) for facility in by_id]


@pytest.mark.parametrize("path", ["services", "organizations", "service_at_locations", "taxonomies", "taxonomy_terms"])
def test_every_list_answers_with_and_without_a_trailing_slash(client, path):
    plain, slashed = client.get(f"/hsds/{path}?per_page=3"), client.get(f"/hsds/{path}/?per_page=3")
    assert plain.status_code == slashed.status_code == 200
    assert plain.json() == slashed.json()


def test_every_object_answers_by_id_with_and_without_a_trailing_slash(client):
    item = client.get("/hsds/service_at_locations?per_page=1&full=true").json()["contents"][0]
    term = client.get("/hsds/taxonomy_terms?per_page=1").json()["contents"][0]
    for url in (
        f"/hsds/services/{item['service_id']}",
        f"/hsds/organizations/{item['location']['organization_id']}",
        f"/hsds/service_at_locations/{item['id']}",
        f"/hsds/taxonomies/{TAXONOMY_ID}",
        f"/hsds/taxonomy_terms/{term['id']}",
    ):
        plain, slashed = client.get(url), client.get(url + "/")
        assert plain.status_code == slashed.status_code == 200, url
        assert plain.json() == slashed.json() and plain.json()["id"] == url.rsplit("/", 1)[1]


@pytest.mark.parametrize("kind", ["services", "organizations", "service_at_locations", "taxonomies", "taxonomy_terms"])
def test_an_unknown_id_is_a_404_with_a_message(client, kind):
    for unknown in ("00000000-0000-0000-0000-000000000000", "not-an-id"):
        response = client.get(f"/hsds/{kind}/{unknown}/")
        assert response.status_code == 404
        assert response.json()["error"] == "not_found" and response.json()["message"]


def test_one_service_is_complete_with_taxonomy_terms_phones_languages_and_location(client):
    listed = client.get("/hsds/services?search=recovery&per_page=40&full=true").json()["contents"]
    assert all(
        service["attributes"] and service["service_at_locations"][0]["location"]["addresses"] for service in listed
    )
    assert {a["taxonomy_term"]["code"] for service in listed for a in service["attributes"]} >= {"OIT", "ORT"}
    assert any(service["languages"] for service in listed) and all(service["phones"] for service in listed)
    one = client.get(f"/hsds/services/{listed[0]['id']}").json()
    assert one == listed[0]


def test_search_finds_names_as_the_site_search_does(client):
    body = client.get("/hsds/services?search=Montrose&per_page=100").json()
    expected = search_facilities(SearchQuery(everywhere=True, filters={}, name="Montrose", page_size=100))
    assert body["total_items"] == expected.total > 0
    assert all("montrose" in item["name"].lower() for item in body["contents"])


def test_taxonomy_term_id_finds_exactly_the_services_with_that_code(client):
    term = client.get("/hsds/taxonomy_terms?search=OIT").json()["contents"][0]
    assert term["code"] == "OIT"
    found = set(every_id(client, f"/hsds/services?taxonomy_term_id={term['id']}"))
    bit = Service.objects.get(code="OIT").bit
    expected = {f for f in Facility.objects.filter(published=True) if bit in f.service_bits()}
    assert found == service_ids(Facility.objects.filter(pk__in=[f.pk for f in expected]))
    assert len(found) == 5736


def test_a_category_term_finds_services_with_any_of_its_codes(client):
    categories = client.get("/hsds/taxonomy_terms?top_only=true&per_page=100").json()["contents"]
    assert categories and all("parent_id" not in category for category in categories)
    category = next(c for c in categories if c["code"] == "PAY")  # payment accepted
    children = client.get(f"/hsds/taxonomy_terms?parent_id={category['id']}&per_page=100").json()["contents"]
    assert children and {child["parent_id"] for child in children} == {category["id"]}
    union = set()
    for child in children:
        union |= set(every_id(client, f"/hsds/services?taxonomy_term_id={child['id']}"))
    assert set(every_id(client, f"/hsds/services?taxonomy_term_id={category['id']}")) == union


def test_taxonomy_id_keeps_every_service_filed_under_our_taxonomy(client):
    body = client.get(f"/hsds/services?taxonomy_id={TAXONOMY_ID}&per_page=1").json()
    assert 12000 < body["total_items"] <= 12744
    assert client.get("/hsds/services?taxonomy_id=00000000-0000-0000-0000-000000000000").status_code == 400


def test_organization_id_gives_that_organizations_service(client):
    facility = Facility.objects.filter(published=True).latest("id")
    organization = hsds_id("organization", facility.public_id)
    for path in ("services", "service_at_locations", "organizations"):
        body = client.get(f"/hsds/{path}?organization_id={organization}").json()
        assert body["total_items"] == 1
        item = body["contents"][0]
        assert organization in (
            item["id"],
            item.get("organization_id"),
            item.get("location", {}).get("organization_id"),
        )


def test_modified_after_gives_the_listings_changed_since(client):
    all_of_them = client.get("/hsds/services?per_page=1").json()["total_items"]
    changed = list(Facility.objects.filter(published=True).order_by("id")[:3])
    later = timezone.now() + timedelta(days=1)
    Facility.objects.filter(pk__in=[f.pk for f in changed]).update(updated_at=later)
    since = (later - timedelta(minutes=1)).isoformat()
    body = client.get("/hsds/services", {"modified_after": since, "per_page": 100}).json()
    assert {item["id"] for item in body["contents"]} == service_ids(
        Facility.objects.filter(pk__in=[f.pk for f in changed])
    )
    assert all(item["last_modified"] >= since[:19] for item in body["contents"])
    assert client.get("/hsds/services?modified_after=2000-01-01").json()["total_items"] == all_of_them


def test_minimal_gives_the_id_and_when_it_changed(client):
    body = client.get("/hsds/services?minimal=true&per_page=5").json()
    assert all(set(item) == {"id", "name", "status", "modified_date"} for item in body["contents"])


def test_our_own_filters_work_beside_hsdss_and_choose_no_level_of_care_by_default(client):
    everything = client.get("/hsds/services?per_page=1").json()["total_items"]
    iop_medicaid = client.get("/hsds/services?care=iop&pay=medicaid&per_page=1").json()["total_items"]
    expected = search_facilities(
        SearchQuery(everywhere=True, filters={"care": ("iop",), "pay": ("medicaid",)}, page_size=1)
    )
    assert everything == 12744 and iop_medicaid == expected.total < everything


def test_service_at_locations_by_postcode_are_exactly_that_zip_code(client):
    body = client.get("/hsds/service_at_locations?postcode=77002").json()
    assert body["total_items"] == Facility.objects.filter(published=True, zip_code="77002").count() > 0
    assert {item["location"]["addresses"][0]["postal_code"] for item in body["contents"]} == {"77002"}


def test_service_at_locations_by_proximity_come_nearest_first_through_the_search(client):
    # HSDS 3.0: proximity is meters from the center of the postcode; 16,093.44 m is 10 miles.
    body = client.get("/hsds/service_at_locations?postcode=77002&proximity=16093.44&per_page=100").json()
    api = client.get("/api/v1/facilities?where=77002&radius=10&care=&page_size=100").json()
    assert body["total_items"] == api["total"]
    assert [item["location"]["external_identifier"] for item in body["contents"]] == [h["id"] for h in api["results"]]


def test_ndjson_streams_every_result_without_paging(client):
    response = client.get("/hsds/services?format=ndjson&care=iop&pay=medicaid")
    assert response["Content-Type"] == "application/x-ndjson"
    lines = [json.loads(line) for line in b"".join(response.streaming_content).splitlines()]
    paged = client.get("/hsds/services?care=iop&pay=medicaid&per_page=1").json()["total_items"]
    assert len(lines) == paged > 500 and len({line["id"] for line in lines}) == paged


@pytest.mark.parametrize(
    "query",
    [
        "/hsds/services?per_page=101",
        "/hsds/services?page=0",
        "/hsds/organizations?per_page=abc",
        "/hsds/services?full=maybe",
        "/hsds/services?format=xml",
        "/hsds/services?search=" + "x" * 101,
        "/hsds/services?modified_after=last-tuesday",
        "/hsds/services?modified_after=2024-13-45",
        "/hsds/services?taxonomy_term_id=00000000-0000-0000-0000-000000000000",
        "/hsds/services?organization_id=not-a-uuid",
        "/hsds/services?care=spa-days",
        "/hsds/organizations/00000000-0000-0000-0000-000000000000?full_service=perhaps",
        "/hsds/taxonomy_terms?top_only=2",
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
    assert response.status_code in (400, 404)
    assert response.json()["message"]


def test_a_page_past_the_end_is_empty_not_an_error(client):
    body = client.get("/hsds/services?page=100000&per_page=100").json()
    assert body["empty"] is True and body["contents"] == [] and body["last_page"] is True


@pytest.mark.parametrize(
    "url",
    [
        "/hsds/service_at_locations?postcode=10001&proximity=16000&per_page=100",
        "/hsds/services?per_page=100&full=true",
        "/hsds/organizations?per_page=100&full_service=true",
    ],
)
def test_a_page_is_built_from_a_fixed_number_of_queries(client, django_assert_max_num_queries, url):
    # Hits carry only a card's fields: reading the rest one facility at a time would cost a query per field.
    client.get(url)  # the id maps and the taxonomy, built once per process
    with django_assert_max_num_queries(8):
        body = client.get(url).json()
    assert len(body["contents"]) == 100
