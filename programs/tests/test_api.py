"""The JSON API gives a program's own facts with their dates and who said them, and filters on them."""

from datetime import datetime, timedelta

import pytest
from django.utils import timezone

from directory.models import Facility
from programs import freshness
from programs.models import Openings, StampKind
from programs.tests.helpers import EVERYTHING, iop_listings_near, say

pytestmark = pytest.mark.django_db


def detail(api_client, facility) -> dict:
    response = api_client.get(f"/api/v1/facilities/{facility.public_id}")
    assert response.status_code == 200
    return response.json()


def test_the_detail_gives_each_group_with_its_date_and_who_said_it(api_client):
    facility = iop_listings_near()[0]
    facts = say(facility, EVERYTHING, days_ago=1, kind=StampKind.STAFF)
    program = detail(api_client, facility)["program"]
    assert program["schedule"]["days"] == ["mon", "wed", "thu"]
    assert program["schedule"]["evening_track"] is True and program["schedule"]["weekend_track"] is False
    openings = program["openings"]
    assert (openings["status"], openings["waiting_list_weeks"], openings["updated"]["by"]) == (
        "waiting-list",
        3,
        "staff",
    )
    said = datetime.fromisoformat(facts.stamps["openings"]["at"])
    assert abs(datetime.fromisoformat(openings["updated"]["at"]) - said) < timedelta(milliseconds=1)
    assert program["contact"]["intake_phone"]["tel"] == "tel:+1-713-555-0142"
    assert program["contact"]["intake_phone"]["kind"] == "intake"
    assert program["details"]["languages"] == ["English", "Vietnamese"]
    assert {group["updated"]["by"] for group in program.values()} == {"staff"}


def test_a_listing_whose_program_said_nothing_has_no_program_facts(api_client):
    body = detail(api_client, iop_listings_near()[0])
    assert body["program"] is None
    assert body["possibly_out_of_date"] is False and body["last_confirmed"]


def test_the_detail_leaves_out_openings_older_than_30_days(api_client, monkeypatch):
    facility = iop_listings_near()[0]
    say(facility, {"openings": Openings.YES, "virtual_iop": True})
    assert detail(api_client, facility)["program"]["openings"]["status"] == "yes"
    said = timezone.localdate()
    monkeypatch.setattr(freshness, "today", lambda: said + timedelta(days=31))
    program = detail(api_client, facility)["program"]
    assert program["openings"] is None and program["details"]["virtual_iop"] is True


def test_the_list_filters_on_the_new_options_with_counts(api_client):
    facility, other = iop_listings_near(count=2)
    say(facility, {"weekend_track": True, "openings": Openings.YES, "virtual_iop": True})
    say(other, {"weekend_track": False, "openings": Openings.NOT_NOW, "virtual_iop": False})
    response = api_client.get(
        "/api/v1/facilities",
        {"where": facility.zip_code, "schedule": "evening-weekend", "openings": "yes", "virtual": "yes"},
    )
    assert response.status_code == 200
    body = response.json()
    assert [result["id"] for result in body["results"]] == [facility.public_id]
    facets = {(group["key"], option["key"]): option["count"] for group in body["facets"] for option in group["options"]}
    assert facets["schedule", "evening-weekend"] == facets["openings", "yes"] == facets["virtual", "yes"] == 1


def test_an_unknown_option_is_a_clear_400(api_client):
    response = api_client.get("/api/v1/facilities", {"where": "77002", "openings": "maybe"})
    assert response.status_code == 400
    assert "openings" in response.json()["fields"]


def test_the_openapi_schema_lists_the_options():
    from api.v1 import api

    parameters = api.get_openapi_schema()["paths"]["/api/v1/facilities"]["get"]["parameters"]
    enums = {p["name"]: p["schema"].get("items", {}).get("enum") for p in parameters}
    assert enums["schedule"] == ["evening-weekend"] and enums["openings"] == enums["virtual"] == ["yes"]


def test_a_result_says_when_the_listing_may_be_out_of_date(api_client):
    facility = iop_listings_near()[0]
    stamps = {fact: stamp | {"confirmed": "2020-01-02"} for fact, stamp in (facility.provenance or {}).items()}
    Facility.objects.filter(pk=facility.pk).update(provenance=stamps)
    body = api_client.get("/api/v1/facilities", {"where": facility.zip_code, "page_size": 100}).json()
    marked = {result["id"]: result["unconfirmed_since"] for result in body["results"] if result["unconfirmed_since"]}
    assert marked == {facility.public_id: "2020-01-02"}
