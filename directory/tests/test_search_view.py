"""The results page: what a visitor sees for good searches, and for every bad one (never a 500)."""

import re

import pytest
from django.core.cache import cache
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

pytestmark = pytest.mark.django_db


def test_a_zip_search_lists_iop_programs_nearest_first_with_call_buttons(client):
    response = client.get("/search/", {"where": "77002"})
    assert response.status_code == 200
    body = response.content.decode()
    assert "Programs near 77002 (Houston, TX)" in body
    assert "programs within 25 miles" in body
    assert 'href="tel:+1-' in body
    assert "miles away" in body or "In your ZIP code area" in body
    assert 'id="f-care-iop" checked' in body


def test_result_cards_escape_what_the_directory_says(client):
    from directory.models import Facility

    nearest = client.get("/search/", {"where": "77002"}).context["result"].hits[0].facility
    Facility.objects.filter(pk=nearest.pk).update(name='<script>alert("x")</script> & Co', program_name="A <b> C")
    cache.clear()
    body = client.get("/search/", {"where": "77002"}).content.decode()
    assert "<script>alert" not in body and "A <b> C" not in body
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Co" in body
    assert f'<a href="/facility/{nearest.public_id}/">' in body
    assert '<p class="program">A &lt;b&gt; C</p>' in body


def test_the_url_alone_reproduces_the_search(client):
    url = "/search/?where=60601&radius=10&pay=medicaid&pay=private&tele=yes"
    first = client.get(url)
    cache.clear()
    again = client.get(url)
    ids = [[h.facility.pk for h in r.context["result"].hits] for r in (first, again)]
    assert ids[0] == ids[1] and ids[0]
    assert first.context["result"].query.filters["pay"] == ("medicaid", "private")


def test_a_repeated_search_is_served_the_same_page(client):
    url = "/search/?where=60601&radius=10&pay=medicaid"
    first, again = client.get(url), client.get(url)
    assert again.status_code == 200
    cards = [r.content.decode().split('<ol class="hits">')[1].split("</ol>")[0] for r in (first, again)]
    assert cards[0] == cards[1]


def test_a_new_import_starts_the_search_pages_afresh(client):
    from directory.models import Facility
    from imports.models import ImportRun

    url = "/search/?where=77002"
    first_hit = client.get(url).context["result"].hits[0].facility
    Facility.objects.filter(pk=first_hit.pk).update(published=False)
    run = ImportRun.objects.latest("pk")
    run.pk = None
    run.save()
    assert first_hit.get_absolute_url() not in client.get(url).content.decode()


def test_facet_counts_appear_next_to_options(client):
    body = client.get("/search/", {"where": "77002", "pay": "medicaid"}).content.decode()
    assert 'Medicaid <span class="count">(28<span class="visually-hidden"> programs</span>)' in body


def test_the_page_explains_how_filters_combine(client):
    body = client.get("/search/", {"where": "77002"}).content.decode()
    assert "any of them" in body and "match every group" in body


def test_unticking_every_level_of_care_searches_all_of_them(client):
    default = client.get("/search/", {"where": "77002"}).context["result"].total
    every_level = client.get("/search/", {"where": "77002", "care": ""}).context["result"].total
    assert every_level > default


def test_it_rejects_unknown_zip_with_suggestions(client):
    response = client.get("/search/", {"where": "99999"})
    assert response.status_code == 200
    body = response.content.decode()
    assert "We could not find the ZIP code 99999" in body
    assert "?where=99901" in body


def test_a_state_name_browses_the_state(client):
    response = client.get("/search/", {"where": "Vermont"})
    assert response.status_code == 200
    body = response.content.decode()
    assert "programs in Vermont" in body
    # A whole state is not a point to be near.
    assert "<h1>Programs in Vermont</h1>" in body and "<title>IOP programs in Vermont" in body
    assert "near Vermont" not in body


@pytest.mark.parametrize("radius", ["0", "10000", "-5", "abc", "25.5"])
def test_it_refuses_a_radius_it_does_not_offer_with_a_clear_400(client, radius):
    response = client.get("/search/", {"where": "77002", "radius": radius})
    assert response.status_code == 400
    assert "Please check your search" in response.content.decode()


def test_a_page_past_the_end_shows_the_last_page_and_says_so(client):
    response = client.get("/search/", {"where": "77002", "page": "99999"})
    assert response.status_code == 200
    assert "There is no page 99999" in response.content.decode()


@pytest.mark.parametrize("page", ["0", "-1", "abc", "1e9", "999999999999999999999"])
def test_a_nonsense_page_number_gets_a_400(client, page):
    response = client.get("/search/", {"where": "77002", "page": page})
    assert response.status_code == 400
    # The message names the field in words, never as "None".
    assert "<li>Page: " in response.content.decode() and "None:" not in response.content.decode()


def test_repeated_parameters_take_the_last_place_and_every_filter(client):
    response = client.get("/search/?where=10001&where=77002&radius=5&radius=10&care=iop&care=residential")
    assert response.status_code == 200
    result = response.context["result"]
    assert response.context["location"].label.startswith("77002")
    assert result.query.radius_miles == 10
    assert result.query.filters["care"] == ("iop", "residential")


def test_an_unknown_filter_option_gets_a_400(client):
    assert client.get("/search/", {"where": "77002", "pay": "bitcoin"}).status_code == 400


@pytest.mark.parametrize(
    "field", ["where", "name", "radius", "page", "care", "pay", "lat", "lon", "lang", "serves", "unknown"]
)
@pytest.mark.parametrize(
    "value",
    ["'; DROP TABLE directory_facility; --", "<script>alert(1)</script>", "\x00", "%", "1 OR 1=1", "é" * 500],
)
def test_sql_or_script_in_any_parameter_gets_a_clear_page(client, field, value):
    response = client.get("/search/", {"where": "77002", field: value})
    assert response.status_code in (200, 400)
    assert b"<script>alert(1)</script>" not in response.content


def test_no_results_offer_the_nearest_radius_that_finds_programs_and_telehealth(client):
    # IOP near Roundup, MT: none within 5 or 10 miles, the first within 25.
    params = {"where": "59001", "radius": "5", "care": "iop"}
    response = client.get("/search/", params)
    body = response.content.decode()
    assert response.context["result"].total == 0
    assert client.get("/search/", {**params, "radius": "10"}).context["result"].total == 0
    assert client.get("/search/", {**params, "radius": "25"}).context["result"].total > 0
    assert "Search within 25 miles" in body and "Search within 10 miles" not in body
    assert "offer telehealth" in body


def test_no_results_anywhere_near_offer_no_wider_radius(client):
    response = client.get("/search/", {"where": "59001", "radius": "5", "care": "hospital", "pay": "free"})
    body = response.content.decode()
    assert response.context["result"].total == 0
    assert "Search within" not in body
    # Instead: the one hospital program in Montana that offers telehealth, the state page.
    assert response.context["alternatives"].telehealth_count == 1
    assert "1 program in Montana offers telehealth" in body
    assert "Every IOP program in Montana, by city" in body


def test_no_results_with_telehealth_chosen_do_not_offer_telehealth_again(client):
    params = {"where": "59001", "radius": "5", "care": "hospital", "pay": "military", "tele": "yes"}
    response = client.get("/search/", params)
    assert response.context["result"].total == 0
    assert "offer telehealth" not in response.content.decode()


def test_the_results_page_without_a_place_asks_for_one(client):
    response = client.get("/search/")
    assert response.status_code == 200
    assert "Enter a ZIP code" in response.content.decode()


def test_geolocation_coordinates_search_around_them(client):
    response = client.get("/search/", {"lat": "29.7594", "lon": "-95.3594", "where": ""})
    assert response.status_code == 200
    assert response.context["result"].hits[0].distance_miles < 0.1


def test_htmx_requests_get_only_the_search_part(client):
    response = client.get("/search/", {"where": "77002"}, headers={"HX-Request": "true"})
    body = response.content.decode()
    assert body.lstrip().startswith('<div id="search-page"')
    assert "<html" not in body


hostile_text = st.text(st.characters(codec="utf-8"), max_size=200)
field_names = st.sampled_from(["where", "name", "radius", "page", "care", "pay", "tele", "lat", "lon", "med", "x"])


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(params=st.lists(st.tuples(field_names, hostile_text), max_size=6))
def test_no_query_string_at_all_gives_a_server_error(client, params):
    response = client.get("/search/", params and _as_query(params))
    assert response.status_code in (200, 400)


def _as_query(params):
    query: dict[str, list[str]] = {}
    for key, value in params:
        query.setdefault(key, []).append(value)
    return query


@pytest.mark.parametrize(("language", "one", "many"), [("en", "program", "programs"), ("es", "programa", "programas")])
def test_filter_counts_say_program_or_programs_as_the_number_asks(client, settings, language, one, many):
    import re

    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    counts = []
    for where in ("59001", "82001", "77002"):
        body = client.get("/search/", {"where": where, "radius": "100"}).content.decode()
        counts += re.findall(r'\((\d+)<span class="visually-hidden"> (\w+)</span>\)', body)
    assert {word for number, word in counts if number == "1"} == {one}
    assert {word for number, word in counts if number != "1"} == {many}


def test_checkboxes_reused_between_searches_keep_each_page_its_own_state_and_language(client, settings):
    """Each checkbox's start is rendered once per wording and state, each count once per language
    (search_words.filter_options): a box ticked on one page stays unticked on the next, and a Spanish page
    never gets an English count."""
    settings.SEARCH_PAGE_CACHE_SECONDS = 0
    ticked = client.get("/search/", {"where": "77002", "radius": "100", "pay": "medicaid"}).content.decode()
    plain = client.get("/search/", {"where": "77002", "radius": "100"}).content.decode()
    assert 'id="f-pay-medicaid" checked' in ticked
    assert 'id="f-pay-medicaid">' in plain and 'id="f-pay-medicaid" checked' not in plain
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "es"
    spanish = client.get("/search/", {"where": "77002", "radius": "100"}).content.decode()
    english_counts = re.findall(r'\((\d+)<span class="visually-hidden"> (\w+)</span>\)', plain)
    spanish_counts = re.findall(r'\((\d+)<span class="visually-hidden"> (\w+)</span>\)', spanish)
    assert [number for number, _ in spanish_counts] == [number for number, _ in english_counts]
    assert {word for _, word in spanish_counts} <= {"programa", "programas"}


def test_an_option_no_loaded_source_uses_is_offered_only_when_the_url_chose_it(client, settings):
    """DBT has no code in the 2023 legend: unchosen, its box would only ever find nothing; chosen in a shared
    link, it stays on the page, ticked, so the visitor can untick it."""
    from directory.search.filters import filter_groups
    from directory.search.legend import legend

    settings.SEARCH_PAGE_CACHE_SECONDS = 0
    known = legend().by_code
    unknown = [
        (group.key, option.key)
        for group in filter_groups()
        for option in group.options
        if not option.fact and not any(code in known for code in option.codes)
    ]
    assert unknown, "the 2023 legend lacks some option's codes"
    for group_key, option_key in unknown:
        plain = client.get("/search/", {"where": "77002", "radius": "100"}).content.decode()
        chosen = client.get("/search/", {"where": "77002", "radius": "100", group_key: option_key}).content.decode()
        assert f'id="f-{group_key}-{option_key}"' not in plain
        assert f'id="f-{group_key}-{option_key}" checked' in chosen


def test_an_empty_result_offers_the_other_levels_of_care_with_what_each_finds(client, settings):
    """An empty IOP search links to each other level of care that has programs there, with their number."""
    settings.SEARCH_PAGE_CACHE_SECONDS = 0
    checked = 0
    for where in ("59301", "82001", "99701", "58501", "04401", "05401", "87501", "57501", "83201", "96720"):
        params = {"where": where, "radius": "25", "care": "iop", "pay": "military", "serves": "veterans"}
        response = client.get("/search/", params)
        if response.context["result"].total:
            continue
        body = response.content.decode()
        offered = re.findall(r'<a href="([^"]+)">See (.+?) instead \((\d+) programs?\)</a>', body)
        care = next(group for group in response.context["panel"] if group.key == "care")
        counted = {option.text: option.count for option in care.options if option.count and not option.checked}
        assert {text: int(count) for _, text, count in offered} == counted
        for url, _, count in offered:
            assert client.get(url.replace("&amp;", "&")).context["result"].total == int(count)
        checked += bool(offered)
    assert checked, "some empty IOP search here has other levels of care"
