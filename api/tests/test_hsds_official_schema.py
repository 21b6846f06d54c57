"""Every HSDS answer against Open Referral's official files (../shared/data/hsds-3.0/schema/), formats checked.

Each path of openapi.json is asked for with and without `full`, on its
first, a middle and its last page, and validated against the answer
openapi.json itself defines for that path.
"""

import copy

import pytest

from api.tests.hsds_official import answer_validator, file_validator, openapi, problems

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_rate_limit(settings):
    """These tests ask for hundreds of answers, as one client."""
    settings.API_RATE_LIMIT = 0


def get(client, url: str) -> dict:
    response = client.get(url)
    assert response.status_code == 200, (url, response.content[:300])
    return response.json()


def assert_answers(body: dict, path: str) -> None:
    found = problems(answer_validator(path), body)
    assert not found, (path, found[:5])


def pages_of(client, url: str) -> list[dict]:
    """The first, a middle and the last page of a list (per_page chosen so there are several)."""
    first = get(client, url)
    last_page = first["total_pages"]
    separator = "&" if "?" in url else "?"
    others = [get(client, f"{url}{separator}page={page}") for page in sorted({max(1, last_page // 2), last_page})]
    return [first, *others]


def test_the_tests_cover_every_path_of_the_official_openapi_file():
    assert set(openapi()["paths"]) == {
        "/", "/services", "/services/{id}", "/organizations", "/organizations/{id}",
        "/service_at_locations", "/service_at_locations/{id}", "/taxonomies", "/taxonomies/{id}",
        "/taxonomy_terms", "/taxonomy_terms/{id}",
    }  # fmt: skip


def test_the_root_is_valid(client):
    assert_answers(get(client, "/hsds/"), "/")


# (url, its path in openapi.json, the compiled object a `full` item must also be)
LISTS = [
    ("/hsds/services?per_page=100", "/services", None),
    ("/hsds/services?per_page=40&full=true&search=recovery", "/services", "compiled/service.json"),
    ("/hsds/services?per_page=100&minimal=true", "/services", None),
    ("/hsds/services/?per_page=50&care=iop&pay=medicaid", "/services", None),
    ("/hsds/organizations?per_page=100", "/organizations", None),
    ("/hsds/organizations?per_page=30&full=true&search=center", "/organizations", "compiled/organization.json"),
    (
        "/hsds/organizations/?per_page=20&full_service=true&search=recovery",
        "/organizations",
        "compiled/organization.json",
    ),
    ("/hsds/service_at_locations?per_page=100", "/service_at_locations", None),
    ("/hsds/service_at_locations?postcode=77002", "/service_at_locations", None),
    ("/hsds/service_at_locations?postcode=10001&proximity=30000&per_page=100", "/service_at_locations", None),
    (
        "/hsds/service_at_locations/?postcode=60601&proximity=16000&per_page=20&full=true",
        "/service_at_locations",
        "compiled/service_at_location.json",
    ),
]


@pytest.mark.parametrize(("url", "path", "full_object"), LISTS)
def test_every_page_of_every_list_is_valid(client, url, path, full_object):
    for page in pages_of(client, url):
        assert page["contents"], "an empty page would make the check vacuous"
        assert_answers(page, path)
        for item in page["contents"] if full_object else []:
            assert not problems(file_validator(full_object), item)


def test_each_service_organization_and_service_at_location_by_id_is_valid(client):
    listed = get(client, "/hsds/service_at_locations?postcode=10001&proximity=40000&per_page=60")["contents"]
    assert len(listed) == 60
    for item in listed:
        assert_answers(get(client, f"/hsds/services/{item['service_id']}"), "/services/{id}")
        organization_id = item["location"]["organization_id"]
        assert_answers(get(client, f"/hsds/organizations/{organization_id}"), "/organizations/{id}")
        assert_answers(get(client, f"/hsds/organizations/{organization_id}/?full_service=true"), "/organizations/{id}")
        # openapi.json gives /service_at_locations/{id} the answer of /services/{id} (compiled/service.json),
        # which no service_at_location can be (it has no name or status): we check it against
        # compiled/service_at_location.json, the object HSDS defines for it.
        one = get(client, f"/hsds/service_at_locations/{item['id']}")
        assert not problems(file_validator("compiled/service_at_location.json"), one)


def test_taxonomies_and_taxonomy_terms_are_valid(client):
    taxonomies = get(client, "/hsds/taxonomies")
    assert_answers(taxonomies, "/taxonomies")
    taxonomy_id = taxonomies["contents"][0]["id"]
    assert_answers(get(client, f"/hsds/taxonomies/{taxonomy_id}/"), "/taxonomies/{id}")
    for page in pages_of(client, "/hsds/taxonomy_terms?per_page=50"):
        assert_answers(page, "/taxonomy_terms")
    top = get(client, f"/hsds/taxonomy_terms?taxonomy_id={taxonomy_id}&top_only=true&per_page=100")
    assert_answers(top, "/taxonomy_terms")
    for category in top["contents"]:
        assert_answers(get(client, f"/hsds/taxonomy_terms/{category['id']}"), "/taxonomy_terms/{id}")
        children = get(client, f"/hsds/taxonomy_terms?parent_id={category['id']}&per_page=100")
        assert_answers(children, "/taxonomy_terms")
        for term in children["contents"][:3]:
            assert_answers(get(client, f"/hsds/taxonomy_terms/{term['id']}/"), "/taxonomy_terms/{id}")


# ------------------------------------------------ the check can fail
def test_the_check_catches_a_broken_list(client):
    page = get(client, "/hsds/services?per_page=5")
    assert_answers(page, "/services")
    broken = copy.deepcopy(page)
    broken["total_items"] = "many"
    del broken["contents"][0]["name"]
    found = problems(answer_validator("/services"), broken)
    assert any("total_items" in line for line in found)
    assert any("'name' is a required property" in line for line in found)


@pytest.mark.parametrize(
    ("field", "value", "complaint"),
    [
        ("id", "service-1", "is not a 'uuid'"),
        ("last_modified", "yesterday", "is not a 'date-time'"),
        ("url", "not a web address", "is not a 'uri'"),
        ("email", "nobody", "is not a 'email'"),
        ("status", "open", "is not one of"),
    ],
)
def test_the_check_catches_a_broken_service(client, field, value, complaint):
    service_id = get(client, "/hsds/services?per_page=1")["contents"][0]["id"]
    service = get(client, f"/hsds/services/{service_id}")
    assert_answers(service, "/services/{id}")
    found = problems(answer_validator("/services/{id}"), {**service, field: value})
    assert any(line.startswith(f"{field}:") and complaint in line for line in found), found


def test_the_check_catches_a_broken_nested_phone(client):
    listed = get(client, "/hsds/services?per_page=20&full=true")["contents"]
    service = next(item for item in listed if item["phones"])
    broken = copy.deepcopy(service)
    del broken["phones"][0]["number"]
    found = problems(answer_validator("/services/{id}"), broken)
    assert any(line.startswith("phones/0") and "'number' is a required property" in line for line in found)
