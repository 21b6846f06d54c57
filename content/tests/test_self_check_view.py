"""The self-check page: a POST form that works without JavaScript, stores and logs nothing,
stops at danger signs, and ends with a search already set to its suggestion."""

import logging
import re
from urllib.parse import parse_qsl

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from hypothesis import given, settings
from hypothesis import strategies as st

from content.self_check import QUESTIONS, outcome_for

pytestmark = pytest.mark.django_db
KEYS = [question.key for question in QUESTIONS]
CALM = dict.fromkeys(KEYS, "0")


def answers_strategy():
    return st.fixed_dictionaries({q.key: st.integers(0, len(q.answers) - 1) for q in QUESTIONS})


def preset_searches(html: str) -> list[list[tuple[str, str]]]:
    """The hidden fields of each search form on the result page, as the browser would send them."""
    forms = re.findall(r'<form class="preset-search" action="/search/" method="get".*?</form>', html, flags=re.S)
    return [re.findall(r'<input type="hidden" name="(\w+)" value="([\w-]+)">', form) for form in forms]


def test_the_form_is_plain_html_sent_by_post_and_never_cached(client):
    response = client.get("/self-check/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert '<form class="self-check" method="post"' in html
    assert html.count('type="radio"') == sum(len(q.answers) for q in QUESTIONS)
    assert "not a diagnosis" in html
    assert 'href="tel:988"' in html and 'href="tel:911"' in html


def test_the_result_presets_the_search_with_the_suggested_levels(client):
    response = client.post("/self-check/", {**CALM, "relapse": "2"})
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert preset_searches(response.content.decode()) == [[("care", "iop")]]


def test_withdrawal_first_gives_two_searches_and_telehealth_only_where_it_fits(client):
    response = client.post("/self-check/", {**CALM, "withdrawal": "2", "telehealth": "1"})
    html = response.content.decode()
    assert preset_searches(html) == [
        [("care", "outpatient-detox"), ("care", "hospital")],
        [("care", "outpatient"), ("care", "iop"), ("tele", "yes")],
    ]
    assert "not a diagnosis" in html


@settings(max_examples=60, deadline=None)
@given(answers=answers_strategy())
def test_any_answers_lead_to_the_page_their_outcome_names(answers):
    response = Client().post("/self-check/", {key: str(value) for key, value in answers.items()})
    assert response.status_code == 200
    html = response.content.decode()
    outcome = outcome_for(answers)
    if outcome.danger:
        assert preset_searches(html) == []
        assert html.index('href="tel:988"') < html.index("</h1>") + 2000
        return
    searches = preset_searches(html)
    assert outcome.level is not None
    assert [value for key, value in searches[-1] if key == "care"] == list(outcome.level.care)
    assert (("tele", "yes") in searches[-1]) == outcome.telehealth


@pytest.mark.parametrize(("key", "value"), [("withdrawal", "3"), ("physical", "3"), ("safety", "2")])
def test_a_danger_answer_stops_the_check_and_shows_988_and_911_first(client, key, value):
    html = client.post("/self-check/", {**CALM, key: value}).content.decode()
    main = html[html.index("<main") :]
    assert preset_searches(html) == []
    first_link = re.search(r'<a [^>]*href="([^"]+)"', main)
    assert first_link and first_link.group(1) in {"tel:988", "tel:911"}
    assert 'href="tel:911"' in main and 'href="sms:988"' in main


def test_a_danger_answer_stops_the_check_even_with_other_answers_missing(client):
    response = client.post("/self-check/", {"safety": "2"})
    assert response.status_code == 200
    assert 'href="tel:988"' in response.content.decode()
    assert preset_searches(response.content.decode()) == []


@pytest.mark.parametrize(
    "data",
    [{}, {**CALM, "withdrawal": "9"}, {**CALM, "emotional": "<script>"}, dict.fromkeys(KEYS[:-1], "0")],
)
def test_missing_or_forged_answers_get_the_form_back_with_a_message(client, data):
    response = client.post("/self-check/", data)
    assert response.status_code == 400
    html = response.content.decode()
    assert "There is a problem" in html
    assert "<script>" not in html.split("</header>")[1]


def test_answers_in_the_address_are_ignored_and_other_methods_refused(client):
    response = client.get("/self-check/", {**CALM, "safety": "2"})
    assert "Please get help now" not in response.content.decode()
    assert client.put("/self-check/").status_code == 405


def test_no_answer_reaches_the_database(client):
    client.get("/self-check/")  # the CSRF cookie, as a browser would have it
    with CaptureQueriesContext(connection) as queries:
        client.post("/self-check/", {**CALM, "safety": "1", "relapse": "2", "environment": "2"})
    writes = [q["sql"] for q in queries if not q["sql"].lstrip().upper().startswith("SELECT")]
    assert writes == []


def test_no_answer_reaches_the_logs_or_the_address(client, caplog):
    answers = {**CALM, "safety": "1", "relapse": "2", "environment": "2", "emotional": "2"}
    words = [str(QUESTIONS[KEYS.index(key)].answers[int(value)].label) for key, value in answers.items()]
    with caplog.at_level(logging.DEBUG):
        response = client.post("/self-check/", answers)
        client.post("/self-check/", {"safety": "2"})
        client.post("/self-check/", {"relapse": "2"})  # an incomplete form: logged as a bad request
    logged = "\n".join(record.getMessage() for record in caplog.records)
    for key, value in answers.items():
        assert f"{key}={value}" not in logged and f"'{key}'" not in logged
    for word in words:
        assert word not in logged
    assert response.status_code == 200 and "Location" not in response
    assert not any(pair in parse_qsl(response.request.get("QUERY_STRING", "")) for pair in answers.items())


def test_the_check_and_its_result_speak_spanish(client):
    form = client.get("/self-check/", HTTP_ACCEPT_LANGUAGE="es").content.decode()
    result = client.post("/self-check/", CALM, HTTP_ACCEPT_LANGUAGE="es").content.decode()
    assert '<html lang="es">' in form and '<html lang="es">' in result
    assert preset_searches(result) == [[("care", "outpatient"), ("care", "iop")]]
