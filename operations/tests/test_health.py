"""/health/live/ and /health/ready/ in process: what a load balancer is told in each state."""

import pytest

from imports.latest import forget_latest_import
from imports.models import ImportRun

pytestmark = pytest.mark.django_db


def test_a_live_process_answers_ok_without_touching_the_database(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/health/live/")
    assert response.status_code == 200 and response.json() == {"status": "ok"}
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]


def test_a_site_with_its_directory_imported_is_ready(client):
    response = client.get("/health/ready/")
    assert response.status_code == 200
    assert response.json()["status"] == "ok"


def test_a_site_without_any_successful_import_is_not_ready_and_says_why(client):
    ImportRun.objects.update(status=ImportRun.Status.FAILED)
    forget_latest_import()
    response = client.get("/health/ready/")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "failing"
    assert body["checks"]["directory"].startswith("failing") and "import_directory" in body["checks"]["directory"]
    assert body["checks"]["database"] == "ok"


def test_health_checks_refuse_a_post(client):
    assert client.post("/health/ready/").status_code == 405
