"""State and city pages of IOP programs, the sitemap and robots.txt."""

import pytest

from directory.models import Facility
from directory.search.legend import legend

pytestmark = pytest.mark.django_db


def iop_in(state: str, city: str) -> int:
    bit = legend().by_code["OIT"].bit
    return sum(
        1
        for f in Facility.objects.filter(published=True, state=state, city__iexact=city)
        if f.service_bits().count(bit)
    )


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_states_are_listed_by_their_name_in_the_visitor_language(client, settings, language):
    import re

    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    body = client.get("/iop/").content.decode()
    names = re.findall(r'<a href="/iop/[a-z-]+/">([^<]+)</a>', body)
    assert len(names) > 40
    assert names == sorted(names, key=str.casefold)


def test_the_state_page_lists_its_cities_with_program_counts(client):
    body = client.get("/iop/texas/").content.decode()
    assert "Intensive outpatient (IOP) programs in Texas" in body
    assert f'<a href="/iop/texas/houston/">Houston</a> <span class="count">({iop_in("TX", "Houston")})' in body


def test_the_city_page_lists_only_that_citys_iop_programs(client):
    response = client.get("/iop/texas/houston/")
    result = response.context["result"]
    assert result.total == iop_in("TX", "Houston")
    assert {hit.facility.city.upper() for hit in result.hits} == {"HOUSTON"}
    assert 'class="call" href="tel:' in response.content.decode()


def test_the_city_page_pages_and_ignores_a_bad_page_number(client):
    assert client.get("/iop/texas/houston/?page=2").context["result"].page == 2
    assert client.get("/iop/texas/houston/?page=abc").status_code == 200


@pytest.mark.parametrize("path", ["/iop/atlantis/", "/iop/texas/atlantis/", "/iop/texas/%3Cscript%3E/"])
def test_unknown_places_are_not_found(client, path):
    assert client.get(path).status_code == 404


def test_the_sitemap_lists_states_cities_and_facilities(client):
    index = client.get("/sitemap.xml").content.decode()
    assert "sitemap-cities.xml" in index and "sitemap-facilities.xml" in index
    assert "/iop/texas/houston/" in client.get("/sitemap-cities.xml").content.decode()
    facility = Facility.objects.filter(published=True).order_by("pk")[0]
    assert facility.get_absolute_url() in client.get("/sitemap-facilities.xml").content.decode()


def test_robots_txt_points_to_the_sitemap_and_keeps_crawlers_out_of_searches(client):
    body = client.get("/robots.txt").content.decode()
    assert "Sitemap: http://testserver/sitemap.xml" in body
    assert "Disallow: /search/" in body
