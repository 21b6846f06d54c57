"""CSV and JSON downloads of a whole search, streamed, with a cap and a clear message past it."""

import csv
import io
import json

import pytest
from django.test import override_settings

pytestmark = pytest.mark.django_db

QUERY = "where=77002&pay=medicaid"


def streamed(response) -> str:
    return b"".join(response.streaming_content).decode()


def all_api_ids(client, query: str) -> list[str]:
    ids, page = [], 1
    while True:
        body = client.get(f"/api/v1/facilities?{query}&page_size=100&page={page}").json()
        ids += [hit["id"] for hit in body["results"]]
        if page >= body["page_count"]:
            return ids
        page += 1


def test_the_csv_export_holds_every_result_of_every_page_in_order(client):
    response = client.get("/api/v1/exports/facilities.csv?where=10001&radius=50&care=")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(streamed(response))))
    expected = all_api_ids(client, "where=10001&radius=50&care=")
    assert len(expected) > 500, "the export must span more than one internal page"
    assert [row["id"] for row in rows] == expected
    assert rows[0]["url"].endswith(f"/facility/{rows[0]['id']}/")


def test_the_json_export_holds_the_query_total_and_every_result(client):
    response = client.get(f"/api/v1/exports/facilities.json?{QUERY}&page=2")
    body = json.loads(streamed(response))
    assert body["query"]["filters"] == {"care": ["iop"], "pay": ["medicaid"]}
    assert body["total"] == len(body["results"]) == len(all_api_ids(client, QUERY))
    assert [hit["id"] for hit in body["results"]] == all_api_ids(client, QUERY)


@override_settings(API_EXPORT_MAX_ROWS=10)
def test_it_refuses_an_export_past_the_cap_with_a_message_saying_how_to_narrow_it(client):
    response = client.get(f"/api/v1/exports/facilities.csv?{QUERY}")
    assert response.status_code == 400
    body = response.json()
    assert body["error"] == "export_too_large"
    assert "at most 10" in body["message"] and "Narrow" in body["message"]


def test_it_refuses_a_bad_query_as_the_search_does(client):
    response = client.get("/api/v1/exports/facilities.json?where=00000")
    assert response.status_code == 400
    assert response.json()["error"] == "location_not_found"


def test_spreadsheet_formulas_in_names_are_neutralised(client):
    from directory.models import Facility

    body = client.get(f"/api/v1/facilities?{QUERY}&page_size=1").json()
    Facility.objects.filter(public_id=body["results"][0]["id"]).update(name='=HYPERLINK("http://evil")')
    rows = list(csv.DictReader(io.StringIO(streamed(client.get(f"/api/v1/exports/facilities.csv?{QUERY}")))))
    assert rows[0]["name"] == '\'=HYPERLINK("http://evil")'


def test_the_results_page_links_to_both_downloads_of_the_same_search(client):
    html = client.get(f"/search/?{QUERY}&page=2").content.decode()
    assert 'href="/api/v1/exports/facilities.csv?where=77002&amp;pay=medicaid"' in html
    assert 'href="/api/v1/exports/facilities.json?where=77002&amp;pay=medicaid"' in html


@override_settings(API_EXPORT_MAX_ROWS=10)
def test_the_results_page_says_why_a_large_search_cannot_be_downloaded(client):
    html = client.get(f"/search/?{QUERY}").content.decode()
    assert "exports/facilities.csv" not in html
    assert "Downloads hold at most 10 programs" in html
