import pytest

pytestmark = pytest.mark.django_db


def test_it_lists_every_service_code_by_category_and_the_filter_groups(client):
    body = client.get("/api/v1/services").json()
    codes = {service["code"]: service for category in body["categories"] for service in category["services"]}
    assert len(codes) == 224
    assert codes["OIT"]["name"] == "Intensive outpatient treatment"
    assert isinstance(codes["OIT"]["description"], str)
    groups = {group["key"]: group for group in body["filter_groups"]}
    assert {"care", "pay", "tele", "med", "approach", "serves", "lang"} <= set(groups)
    iop = next(option for option in groups["care"]["options"] if option["key"] == "iop")
    assert iop["codes"] == ["OIT"]


def test_it_tells_the_edition_import_time_and_counts(client):
    body = client.get("/api/v1/meta").json()
    assert body["edition"] == 2023
    assert body["imported_at"]
    assert body["counts"]["listings"] == 12744
    assert body["counts"]["iop"] == 5736
    assert body["counts"]["services"] == 224


def test_the_docs_page_lists_every_operation_without_any_third_party_script(client):
    html = client.get("/api/v1/docs/").content.decode()
    for path in ("/api/v1/facilities", "/api/v1/facilities/{id}", "/api/v1/services", "/api/v1/meta"):
        assert f"GET {path}</code>" in html
    assert "cdn" not in html.lower()
    assert '<script src="http' not in html
