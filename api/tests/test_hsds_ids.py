"""HSDS ids: stable across a yearly refresh and renames, and given in our JSON API and on the facility page."""

import json
import re

import pytest

from conftest import DIRECTORY_2022, DIRECTORY_2023
from directory.hsds_ids import hsds_id, service_id
from directory.models import Facility
from imports.models import ImportRun
from imports.services import import_directory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_rate_limit(settings):
    settings.API_RATE_LIMIT = 0


def test_every_hsds_id_of_2022_still_answers_for_the_same_listing_after_the_2023_refresh(empty_directory, client):
    import_directory(source=str(DIRECTORY_2022))
    every_40th = list(Facility.objects.filter(published=True).order_by("id").values_list("public_id", flat=True))[::40]
    before = {public_id: client.get(f"/hsds/services/{service_id(public_id)}").json() for public_id in every_40th}
    identities_2022 = dict(Facility.objects.values_list("public_id", "identity_key"))
    import_directory(source=str(DIRECTORY_2023))
    assert ImportRun.objects.latest().renamed_or_moved > 0
    # Kept through a rename or move: a new identity, the old public id, so the old HSDS ids.
    renamed = [
        public_id
        for public_id, identity in Facility.objects.filter(published=True, first_seen_edition=2022).values_list(
            "public_id", "identity_key"
        )
        if identities_2022.get(public_id) != identity
    ]
    assert renamed
    for public_id in [*before, *renamed]:
        answer = client.get(f"/hsds/services/{service_id(public_id)}").json()
        location = answer["service_at_locations"][0]
        assert location["location"]["external_identifier"] == public_id
        assert location["id"] == hsds_id("service_at_location", public_id)
        assert answer["organization_id"] == hsds_id("organization", public_id)
    kept = Facility.objects.filter(public_id__in=list(before))
    for facility in kept:
        answer = client.get(f"/hsds/services/{service_id(facility.public_id)}/").json()
        assert answer["status"] == ("active" if facility.published else "inactive")
        assert answer["id"] == before[facility.public_id]["id"]
    assert {f.published for f in kept} == {True, False}, "the sample should hold kept and unpublished listings"


def test_our_json_api_gives_each_facilitys_hsds_id(client):
    results = client.get("/api/v1/facilities?where=77002&radius=10&page_size=20").json()["results"]
    assert results
    for result in results[:5]:
        assert result["hsds_id"] == service_id(result["id"])
        hsds = client.get(f"/hsds/services/{result['hsds_id']}").json()
        assert hsds["service_at_locations"][0]["location"]["external_identifier"] == result["id"]
        detail = client.get(f"/api/v1/facilities/{result['id']}").json()
        assert detail["hsds_id"] == result["hsds_id"]


def test_the_facility_pages_structured_data_names_its_hsds_id(client):
    facility = Facility.objects.filter(published=True).order_by("id")[100]
    page = client.get(facility.get_absolute_url()).content.decode()
    block = re.search(r'<script type="application/ld\+json"[^>]*>(.*?)</script>', page, re.S)
    assert block, "the page should carry JSON-LD"
    data = json.loads(block.group(1))
    assert data["identifier"]["value"] == service_id(facility.public_id)
    assert client.get(f"/hsds/services/{data['identifier']['value']}").status_code == 200
