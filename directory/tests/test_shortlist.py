"""The shortlist: kept in the visitor's cookie only, compared side by side, shared as a link of public IDs."""

import pytest
from django.urls import reverse

from directory.facility_facts import facility_facts
from directory.models import Facility
from directory.shortlist import COOKIE, MAX_PROGRAMS, comparison, parse_ids

pytestmark = pytest.mark.django_db
CHANGE = reverse("directory:shortlist-change")
SHORTLIST = reverse("directory:shortlist")


@pytest.fixture
def programs():
    return list(Facility.objects.filter(published=True, state="TX").order_by("pk")[:5])


def add(client, facility, next_url=""):
    return client.post(CHANGE, {"action": "add", "id": facility.public_id, "next": next_url})


def test_parsing_keeps_well_formed_ids_once_in_order_and_at_most_four():
    assert parse_ids("b2,a1,B2,,../x,a1,c3,d4,e5") == ["b2", "a1", "c3", "d4"]
    assert parse_ids("x" * 17) == []
    assert len(parse_ids(",".join(f"id{n}" for n in range(50)))) == MAX_PROGRAMS


def test_adding_from_a_page_keeps_the_id_in_a_cookie_and_returns_to_that_page(client, programs):
    back = "/search/?where=77002&pay=medicaid"
    response = add(client, programs[0], back)
    assert response.status_code == 302 and response["Location"] == back
    cookie = response.cookies[COOKIE]
    assert cookie.value == programs[0].public_id
    assert cookie["httponly"] and cookie["samesite"] == "Lax"
    assert "sessionid" not in response.cookies


def test_a_foreign_return_address_is_not_followed(client, programs):
    response = add(client, programs[0], "https://evil.example/")
    assert response["Location"] == SHORTLIST


def test_a_fifth_program_pushes_out_the_oldest_and_removing_one_keeps_the_rest(client, programs):
    for facility in programs:
        add(client, facility)
    assert client.cookies[COOKIE].value.split(",") == [f.public_id for f in programs[1:]]
    client.post(CHANGE, {"action": "remove", "id": programs[2].public_id})
    assert client.cookies[COOKIE].value.split(",") == [programs[1].public_id, *[f.public_id for f in programs[3:]]]


@pytest.mark.parametrize("data", [{}, {"action": "add"}, {"action": "add", "id": "<b>"}, {"action": "drop", "id": "a"}])
def test_a_broken_change_is_refused_with_a_400(client, data):
    assert client.post(CHANGE, data).status_code == 400


def test_changing_the_list_needs_a_post(client):
    assert client.get(CHANGE).status_code == 405


def test_the_shortlist_compares_the_glance_facts_and_signs_of_quality_of_each_program(client, programs):
    for facility in programs[:3]:
        add(client, facility)
    page = client.get(SHORTLIST).content.decode()
    for facility in programs[:3]:
        assert facility.display_name in page or facility.name in page
    compared = comparison([f.public_id for f in programs[:3]])
    for index, facility in enumerate(programs[:3]):
        facts = facility_facts(facility)
        assert [row.cells[index] for row in compared.glance] == [fact.items for fact in facts.glance]
        assert [row.cells[index] for row in compared.quality] == [fact.items for fact in facts.quality]


def test_a_shared_link_shows_the_same_programs_in_order_without_storing_anything(client, programs):
    ids = ",".join(f.public_id for f in reversed(programs[:3]))
    response = client.get(SHORTLIST, {"ids": ids})
    page = response.content.decode()
    positions = [page.index(f'href="{f.get_absolute_url()}"') for f in reversed(programs[:3])]
    assert positions == sorted(positions)
    assert "A shared shortlist" in page and "Keep this list on this device" in page
    assert COOKIE not in response.cookies and "sessionid" not in response.cookies
    assert "no-store" in response["Cache-Control"] and response["X-Robots-Tag"] == "noindex"
    share = f"{SHORTLIST}?ids={ids.replace(',', '%2C')}"
    assert share in page


def test_keeping_a_shared_list_saves_it_on_this_device(client, programs):
    ids = ",".join(f.public_id for f in programs[:2])
    response = client.post(CHANGE, {"action": "keep", "ids": ids})
    assert response["Location"] == SHORTLIST
    assert response.cookies[COOKIE].value == ids


def test_unknown_and_unpublished_programs_are_left_out(client, programs):
    Facility.objects.filter(pk=programs[1].pk).update(published=False)
    page = client.get(SHORTLIST, {"ids": f"{programs[0].public_id},{programs[1].public_id},nosuchid"})
    compared = page.context["comparison"]
    assert [f.public_id for f in compared.facilities] == [programs[0].public_id]


def test_an_empty_shortlist_says_how_to_fill_it(client):
    page = client.get(SHORTLIST).content.decode()
    assert "Your shortlist is empty" in page and "does not store it" in page


def test_the_facility_page_offers_to_add_or_remove_it(client, programs):
    url = programs[0].get_absolute_url()
    assert "Add to my shortlist" in client.get(url).content.decode()
    add(client, programs[0])
    assert "Remove from my shortlist" in client.get(url).content.decode()
