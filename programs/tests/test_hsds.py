"""HSDS answers carry a program's schedule and its openings and virtual IOP as dated attributes,
and stay valid against Open Referral's official schema files."""

from datetime import timedelta
from urllib.parse import quote

import pytest
from django.utils import timezone

from api.tests.hsds_official import answer_validator, file_validator, problems
from api.tests.test_hsds_official_schema import get
from directory.hsds_ids import hsds_id
from programs.models import Openings
from programs.tests.helpers import EVERYTHING, iop_listings_near, say

pytestmark = pytest.mark.django_db


def test_a_service_carries_the_schedule_and_dated_attributes_and_is_valid(api_client):
    facility = iop_listings_near()[0]
    say(facility, EVERYTHING, days_ago=2)
    service = get(api_client, f"/hsds/services/{hsds_id('service', facility.public_id)}")
    assert not problems(answer_validator("/services/{id}"), service)
    [schedule] = service["schedules"]
    assert schedule["freq"] == "WEEKLY" and schedule["byday"] == "MO,WE,TH"
    assert "9 hours a week" in schedule["description"] and "daytime and evening groups" in schedule["description"]
    assert schedule["metadata"][0]["updated_by"] == "program"
    own = {a["taxonomy_term"]["code"]: a for a in service["attributes"] if a["link_type"] == "program_fact"}
    assert own["new-clients"]["value"] == "waiting-list:3" and own["virtual-iop"]["value"] == "yes"
    assert own["new-clients"]["metadata"][0]["last_action_date"] == schedule["valid_from"]
    term_id = own["new-clients"]["taxonomy_term_id"]
    assert not problems(answer_validator("/taxonomy_terms/{id}"), get(api_client, f"/hsds/taxonomy_terms/{term_id}"))
    taxonomy = get(api_client, f"/hsds/taxonomies/{own['virtual-iop']['taxonomy_term']['taxonomy_id']}")
    assert not problems(answer_validator("/taxonomies/{id}"), taxonomy)
    sal = get(api_client, f"/hsds/service_at_locations/{hsds_id('service_at_location', facility.public_id)}")
    assert not problems(file_validator("compiled/service_at_location.json"), sal)
    assert sal["schedules"][0]["service_at_location_id"] == sal["id"]


def test_stale_openings_are_left_out_of_hsds(api_client):
    facility = iop_listings_near()[0]
    say(facility, {"openings": Openings.YES}, days_ago=31)
    service = get(api_client, f"/hsds/services/{hsds_id('service', facility.public_id)}")
    assert not [a for a in service["attributes"] if a["link_type"] == "program_fact"]
    assert "schedules" not in service


def test_list_pages_with_program_facts_are_valid_and_read_them_without_a_query_a_row(
    api_client, django_assert_max_num_queries
):
    listings = iop_listings_near(count=3)
    for days, facility in enumerate(listings):
        say(facility, EVERYTHING | {"openings": Openings.YES}, days_ago=days)
    near = f"postcode={listings[0].zip_code}&proximity=60000&per_page=100&full=true"
    url = f"/hsds/service_at_locations?{near}"
    page = get(api_client, url)
    assert not problems(answer_validator("/service_at_locations"), page)
    with_schedules = {item["id"] for item in page["contents"] if item.get("schedules")}
    assert with_schedules == {hsds_id("service_at_location", facility.public_id) for facility in listings}
    for item in page["contents"]:
        assert not problems(file_validator("compiled/service_at_location.json"), item)
    services = get(api_client, f"/hsds/services?search={quote(listings[0].name)}&per_page=50&full=true")
    assert not problems(answer_validator("/services"), services)
    assert any(a["link_type"] == "program_fact" for s in services["contents"] for a in s["attributes"])
    with django_assert_max_num_queries(12):
        api_client.get(url)


def test_the_schedule_dates_follow_the_stamp():
    from api.hsds.program import schedules

    facility = iop_listings_near()[0]
    facts = say(facility, {"hours_per_week": 9}, days_ago=40)
    facility.refresh_from_db()
    [schedule] = schedules(facility, link="service_id", link_id=hsds_id("service", facility.public_id))
    assert "byday" not in schedule and schedule["description"] == "Intensive outpatient program: 9 hours a week."
    assert schedule["valid_from"] == (timezone.localdate() - timedelta(days=40)).isoformat()
    assert facts.stamps["schedule"]["kind"] == schedule["metadata"][0]["updated_by"] == "program"


def test_the_datapackage_lists_the_terms_of_program_facts_once_a_listing_uses_them(tmp_path):
    from api.hsds.datapackage import write_folder
    from api.hsds.program import PROGRAM_TAXONOMY_ID

    facility = iop_listings_near()[0]
    say(facility, {"virtual_iop": True, "openings": Openings.YES})
    write_folder(tmp_path)
    attributes = (tmp_path / "attributes.csv").read_text()
    terms = (tmp_path / "taxonomy_terms.csv").read_text()
    for code in ("new-clients", "virtual-iop"):
        term_id = hsds_id("taxonomy_term", f"program-fact:{code}")
        assert term_id in attributes and term_id in terms
    assert PROGRAM_TAXONOMY_ID in (tmp_path / "taxonomies.csv").read_text()


def test_the_lists_name_the_taxonomy_and_terms_that_program_attributes_point_to(api_client):
    from api.hsds.program import PROGRAM_TAXONOMY_ID, terms

    taxonomies = get(api_client, "/hsds/taxonomies")
    assert not problems(answer_validator("/taxonomies"), taxonomies)
    assert PROGRAM_TAXONOMY_ID in {taxonomy["id"] for taxonomy in taxonomies["contents"]}
    listed = get(api_client, f"/hsds/taxonomy_terms?taxonomy_id={PROGRAM_TAXONOMY_ID}")
    assert not problems(answer_validator("/taxonomy_terms"), listed)
    assert {term["id"] for term in listed["contents"]} == {term["id"] for term in terms()}
    top = get(api_client, "/hsds/taxonomy_terms?top_only=true&per_page=100")["contents"]
    assert {term["id"] for term in terms()} <= {term["id"] for term in top}


def test_filtering_services_by_a_program_term_says_which_filter_to_use(api_client):
    from api.hsds.program import PROGRAM_TAXONOMY_ID, terms

    for query in (f"taxonomy_term_id={terms()[0]['id']}", f"taxonomy_id={PROGRAM_TAXONOMY_ID}"):
        response = api_client.get(f"/hsds/services?{query}")
        assert response.status_code == 400
        assert "openings=yes" in response.json()["message"]


def test_the_datapackage_carries_each_program_schedule_valid_against_the_official_table(tmp_path):
    import csv

    from api.hsds.datapackage import write_folder
    from api.tests.test_hsds_datapackage import tabular_tables

    facility, other = iop_listings_near()[:2]
    say(facility, EVERYTHING, days_ago=2)
    say(other, {"openings": Openings.YES})  # no schedule said: no row
    write_folder(tmp_path)
    with (tmp_path / "schedules.csv").open(encoding="utf-8") as file:
        rows = list(csv.DictReader(file))
    [row] = rows
    assert row["service_id"] == hsds_id("service", facility.public_id)
    assert (row["freq"], row["byday"]) == ("WEEKLY", "MO,WE,TH")
    spec = tabular_tables()["schedule"]["items"]
    scalar = {name: field for name, field in spec["properties"].items() if field.get("type") != "array"}
    validator = type(file_validator("compiled/tabular.json"))(
        {**spec, "properties": scalar}, format_checker=file_validator("compiled/tabular.json").format_checker
    )
    typed = {name: float(value) if scalar[name]["type"] == "number" else value for name, value in row.items() if value}
    assert not [error.message for error in validator.iter_errors(typed)]
