"""From the home page through an article and the self-check to a preset search, in a real browser,
in English and in Spanish; axe-core finds no WCAG 2.2 AA violation on the guide's pages."""

import pytest
from playwright.sync_api import Page, expect

from content.models import Article, ArticleRevision
from content.seed import load_seed_articles

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("seeded_transactional_db", "guide_articles")]


@pytest.fixture
def guide_articles(seeded_transactional_db):
    """Transactional tests empty every table when they end; the first after that loads the guide again."""
    load_seed_articles(Article, ArticleRevision)


def answer_least_need_except(page: Page, **chosen: int) -> None:
    for fieldset in page.locator("fieldset.question").all():
        radios = fieldset.locator("input[type=radio]")
        radios.nth(chosen.get(radios.first.get_attribute("name") or "", 0)).check()


def test_a_visitor_goes_from_the_home_page_through_an_article_and_the_self_check_to_a_preset_search(
    page: Page, live_server, axe_violations
):
    page.goto(live_server.url + "/")
    page.get_by_role("link", name="Read our plain-language guide to IOP").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Guide to intensive outpatient treatment (IOP)")
    assert axe_violations(page) == []

    page.get_by_role("link", name="What is intensive outpatient treatment (IOP)?").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator("main")).to_contain_text("9 to 20 hours a week")
    expect(page.locator(".references li").first).to_contain_text("TIP 47")
    assert axe_violations(page) == []

    page.get_by_role("link", name="Not sure? Take our self-check").click()
    expect(page.locator("main")).to_contain_text("This is not a diagnosis")
    assert axe_violations(page) == []
    page.get_by_role("button", name="See which levels of care may fit").click()  # nothing answered yet
    expect(page.get_by_role("alert")).to_contain_text("Choose one answer to")
    assert axe_violations(page) == []

    page.get_by_label("I cannot stay stopped for more than a few days, even when I try").check()
    answer_least_need_except(page, relapse=2, telehealth=1)
    page.get_by_role("button", name="See which levels of care may fit").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Levels of care that may fit")
    assert page.url == live_server.url + "/self-check/"  # no answer in the address
    assert axe_violations(page) == []

    page.get_by_label("ZIP code or city (you can also choose it on the next page)").fill("77002")
    page.get_by_role("button", name="Search these programs, with telehealth").click()
    expect(page).to_have_url(f"{live_server.url}/search/?care=iop&tele=yes&where=77002")
    expect(page.locator("main")).to_contain_text("77002")


def test_a_spanish_speaker_does_the_same_in_spanish(page: Page, live_server, axe_violations):
    page.goto(live_server.url + "/")
    page.get_by_role("button", name="Español").click()
    page.get_by_role("link", name="Lea nuestra guía sencilla sobre el IOP").click()
    expect(page.locator("html")).to_have_attribute("lang", "es")
    expect(page.get_by_role("heading", level=1)).to_have_text("Guía del tratamiento ambulatorio intensivo (IOP)")
    assert axe_violations(page) == []

    page.get_by_role("link", name="¿Qué es el tratamiento ambulatorio intensivo (IOP)?").click()
    expect(page.locator("main")).to_contain_text("de 9 a 20 horas por semana")
    assert axe_violations(page) == []

    page.get_by_role("link", name="¿No está seguro? Haga nuestra autoevaluación").click()
    expect(page.locator("main")).to_contain_text("no es un diagnóstico")
    assert axe_violations(page) == []
    answer_least_need_except(page, withdrawal=2, emotional=2, physical=2)
    page.get_by_role("button", name="Ver qué niveles de atención le pueden servir").click()
    expect(page.locator("main")).to_contain_text("Primero:")
    assert axe_violations(page) == []

    page.get_by_role("button", name="Buscar estos programas").last.click()
    expect(page).to_have_url(f"{live_server.url}/search/?care=partial&care=iop&where=")
    expect(page.locator("html")).to_have_attribute("lang", "es")


def test_a_danger_answer_shows_988_and_911_before_anything_else(page: Page, live_server, axe_violations):
    page.goto(live_server.url + "/self-check/")
    page.get_by_label("Yes, in the past month or right now").check()
    page.get_by_role("button", name="See which levels of care may fit").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Please get help now")
    expect(page.locator("main a").first).to_have_attribute("href", "tel:988")
    expect(page.locator("main a[href='tel:911']")).to_be_visible()
    assert axe_violations(page) == []


def test_an_article_in_spanish_and_the_index_pass_axe_and_link_back_to_english(page: Page, live_server, axe_violations):
    spanish = Article.objects.get(topic="paying-for-iop", language="es")
    page.goto(live_server.url + spanish.get_absolute_url())
    assert axe_violations(page) == []
    page.get_by_role("button", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Paying for IOP")
