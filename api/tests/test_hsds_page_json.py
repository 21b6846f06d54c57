"""The HSDS list pages, written fast (api.hsds.page_json), are byte for byte what the plain way writes.

The oracle is the way the lists were written before: the same search, each
object built whole by api.hsds.mapping (attributes as dicts) and the page
given to JsonResponse. Several pages of every list endpoint, with and without
`full`, near a place, and as ndjson.
"""

import json

import pytest
from django.http import JsonResponse
from django.test import RequestFactory

from api.hsds import mapping, params
from api.hsds.listing import every_facility, whole_facilities
from api.hsds.views import envelope
from directory.search import search_facilities

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_rate_limit(settings):
    settings.API_RATE_LIMIT = 0


def plain_object(path: str, facility, distance):
    request = RequestFactory().get(path)
    full = params.flag(request.GET, "full")
    if path.startswith("/hsds/services"):
        if params.flag(request.GET, "minimal"):
            return mapping.minimal_service(facility)
        return mapping.service(facility, full=full)
    if path.startswith("/hsds/organizations"):
        return mapping.organization(facility, full=full, full_service=params.flag(request.GET, "full_service"))
    return mapping.service_at_location(facility, full=full, distance=distance)


def plain_page(path: str) -> bytes:
    request = RequestFactory().get(path)
    listed = params.list_request(request, places=path.startswith("/hsds/service_at_locations"))
    result = search_facilities(listed.query)
    contents = [plain_object(path, facility, distance) for facility, distance in whole_facilities(result)]
    if listed.query.page > result.page_count and result.total:
        contents = []
    return JsonResponse(envelope(result.total, listed.query.page, listed.query.page_size, contents)).content


LISTS = (
    "/hsds/services?full=true&per_page=100",
    "/hsds/services?per_page=50",
    "/hsds/services?minimal=true&per_page=100",
    "/hsds/organizations?full_service=true&per_page=100",
    "/hsds/organizations?full=true&per_page=100",
    "/hsds/organizations?per_page=100",
    "/hsds/service_at_locations?full=true&per_page=100",
    "/hsds/service_at_locations?per_page=100",
    "/hsds/service_at_locations?full=true&postcode=10001&proximity=80000&per_page=100",
    "/hsds/service_at_locations?full=true&postcode=99501&proximity=16000",
    "/hsds/services?full=true&search=methadone&per_page=100",
)


@pytest.mark.parametrize("path", LISTS)
@pytest.mark.parametrize("page", (1, 2, 64, 128))
def test_every_list_page_is_byte_for_byte_the_plain_json(client, path, page):
    url = f"{path}&page={page}"
    answer = client.get(url)
    assert answer.status_code == 200 and answer["Content-Type"] == "application/json"
    assert answer.content == plain_page(url)


def test_the_pages_compared_carry_full_services_with_their_attributes(client):
    """So the comparison above covers the attributes written from their terms' encoded parts."""
    body = client.get("/hsds/organizations?full_service=true&per_page=100&page=2").json()
    attributes = [attribute for item in body["contents"] for attribute in item["services"][0]["attributes"]]
    assert body["size"] == 100 and len(attributes) > 1000
    assert all(attribute["taxonomy_term"]["id"] == attribute["taxonomy_term_id"] for attribute in attributes)


def test_ndjson_lines_are_the_plain_json_of_each_object(client):
    path = "/hsds/service_at_locations?full=true&postcode=02903&proximity=30000&format=ndjson"
    answer = client.get(path)
    lines = b"".join(answer.streaming_content).decode().splitlines()
    listed = params.list_request(RequestFactory().get(path), places=True)
    expected = [json.dumps(plain_object(path, *found)) for found in every_facility(listed.query)]
    assert lines == expected and len(expected) > 10
