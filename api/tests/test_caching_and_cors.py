"""Revalidation (ETag, Last-Modified, 304) tied to the latest import, and CORS open for GET."""

import pytest
from django.utils import timezone

from directory.models import Facility
from imports.models import ImportRun

pytestmark = pytest.mark.django_db

SEARCH = "/api/v1/facilities?where=77002&pay=medicaid"


def test_it_answers_304_to_if_none_match_with_the_current_etag(client):
    first = client.get(SEARCH)
    assert first.status_code == 200
    assert first["Cache-Control"].startswith("public, max-age=")
    again = client.get(SEARCH, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == first["ETag"]


def test_answers_in_another_language_are_kept_apart_by_shared_caches(client, settings):
    english = client.get(SEARCH)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "es"
    spanish = client.get(SEARCH)
    assert english["ETag"] != spanish["ETag"]
    for answer in (english, spanish):
        varies = {part.strip().lower() for part in answer["Vary"].split(",")}
        assert {"accept-language", "cookie"} <= varies


def test_it_answers_304_to_if_modified_since_the_last_import(client):
    first = client.get("/api/v1/meta")
    assert client.get("/api/v1/meta", HTTP_IF_MODIFIED_SINCE=first["Last-Modified"]).status_code == 304
    assert client.get("/api/v1/meta", HTTP_IF_MODIFIED_SINCE="Mon, 01 Jan 2001 00:00:00 GMT").status_code == 200


def test_any_write_to_the_directory_changes_the_validators_so_old_copies_are_sent_again(client):
    first = client.get(SEARCH)
    # A staff correction, like an import, renews the directory's revision (directory.revision).
    listing = Facility.objects.filter(published=True).earliest("pk")
    Facility.objects.filter(pk=listing.pk).update(phone="713-555-0142")
    again = client.get(SEARCH, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 200
    assert again["ETag"] != first["ETag"]


def test_a_failed_import_does_not_change_the_validators(client):
    first = client.get(SEARCH)
    ImportRun.objects.create(source="broken.xlsx", status=ImportRun.Status.FAILED, finished_at=timezone.now())
    assert client.get(SEARCH, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304


def test_errors_are_not_cached_as_data(client):
    response = client.get("/api/v1/facilities?where=00000")
    assert response.status_code == 400
    assert "ETag" not in response
    assert response["Cache-Control"] == "no-cache"


def test_every_answer_allows_any_origin_without_credentials(client):
    response = client.get(SEARCH, HTTP_ORIGIN="https://example.org")
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "Access-Control-Allow-Credentials" not in response
    assert "ETag" in response["Access-Control-Expose-Headers"]
    assert client.get("/api/v1/facilities")["Access-Control-Allow-Origin"] == "*"


def test_it_answers_a_cors_preflight_for_get(client):
    response = client.options(SEARCH, HTTP_ORIGIN="https://example.org", HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET")
    assert response.status_code == 204
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "GET" in response["Access-Control-Allow-Methods"]
    assert "If-None-Match" in response["Access-Control-Allow-Headers"]


def test_the_site_pages_are_left_alone(client):
    response = client.get("/search/?where=77002")
    assert "Access-Control-Allow-Origin" not in response


def test_the_docs_page_gives_each_visitor_their_own_csrf_token(client, settings):
    from django.test import Client

    settings.API_RESPONSE_CACHE_SECONDS = 300
    first = client.get("/api/v1/docs/")
    second = Client().get("/api/v1/docs/")
    assert "csrftoken" in first.cookies and "csrftoken" in second.cookies
    assert first.cookies["csrftoken"].value != second.cookies["csrftoken"].value
    assert "public" not in second.get("Cache-Control", "")
