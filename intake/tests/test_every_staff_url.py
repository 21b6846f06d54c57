"""Every page under /staff/ asks for a staff account, both factors and its permission: walked from the URL list."""

import uuid

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import NoReverseMatch, URLPattern, URLResolver, get_resolver, reverse

from intake.tests.conftest import signed_in_with_both_factors, staff_member

pytestmark = pytest.mark.django_db

OPEN_PAGES = {"intake_staff:login", "intake_staff:logout"}


def staff_urls() -> list[tuple[str, object]]:
    """(name, view) of every named route whose path starts with staff/, however it is included."""
    found: list[tuple[str, object]] = []

    def walk(patterns: list, prefix: str, namespace: str) -> None:
        for entry in patterns:
            route = prefix + str(entry.pattern)
            if isinstance(entry, URLResolver):
                walk(entry.url_patterns, route, f"{namespace}{entry.namespace}:" if entry.namespace else namespace)
            elif isinstance(entry, URLPattern) and route.startswith("staff/") and entry.name:
                found.append((namespace + entry.name, entry.callback))

    walk(get_resolver().url_patterns, "", "")
    return found


def url_for(name: str) -> str:
    kwargs_tried: list[dict[str, object]] = [{}, {"public_id": uuid.uuid4()}, {"pk": 1}, {"run_id": 1}]
    for kwargs in kwargs_tried:
        try:
            return reverse(name, kwargs=kwargs)
        except NoReverseMatch:
            continue
    raise AssertionError(f"cannot build a URL for {name}")


GUARDED = [name for name, _ in staff_urls() if name not in OPEN_PAGES]


def test_the_walk_finds_the_back_office_the_accounts_and_the_import_downloads():
    assert {"intake_staff:list", "intake_staff:accounts", "imports:rejected_csv"} <= set(GUARDED)


@pytest.mark.parametrize(("name", "view"), [entry for entry in staff_urls() if entry[0] not in OPEN_PAGES])
def test_every_staff_page_is_guarded_by_the_one_staff_decorator(name, view):
    assert getattr(view, "staff_permission", None), f"{name} is not wrapped in staff_required"


def refused(response, *, sent_to_sign_in: bool) -> bool:
    if response.status_code == 405:  # a POST-only page, before any guard: nothing shown
        return True
    if sent_to_sign_in:
        return response.status_code == 302 and response["Location"].startswith(reverse("intake_staff:login"))
    return response.status_code == 403


@pytest.mark.parametrize("name", GUARDED)
@pytest.mark.parametrize("method", ["get", "post"])
def test_every_staff_page_refuses_anyone_without_both_factors_or_the_permission(name, method):
    url = url_for(name)
    no_role_with_code = signed_in_with_both_factors(staff_member("nobody", None))
    no_code = Client()
    no_code.force_login(staff_member("no.code", "admin"))
    not_staff = Client()
    not_staff.force_login(User.objects.create_user("public"))
    for client, sent_to_sign_in in ((Client(), True), (not_staff, True), (no_code, True), (no_role_with_code, False)):
        response = getattr(client, method)(url)
        assert refused(response, sent_to_sign_in=sent_to_sign_in), (name, method, response.status_code)
        assert response.status_code == 405 or "no-store" in response.get("Cache-Control", "")
