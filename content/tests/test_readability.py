"""Plain language, measured: every shipped article at grade 8 or below in English (Flesch-Kincaid)
and at 70 or above in Spanish (Fernández Huerta), as stored in the database after migrate."""

import warnings

import pytest

from content.models import Article
from content.readability import reading_text
from content.seed import seed_articles

with warnings.catch_warnings():
    warnings.simplefilter("ignore")  # textstat 0.7.4 imports the deprecated pkg_resources
    from textstat.textstat import textstatistics

SEEDS = seed_articles()


def english_grade(text: str) -> float:
    meter = textstatistics()
    meter.set_lang("en_US")
    return meter.flesch_kincaid_grade(text)


def spanish_ease(text: str) -> float:
    meter = textstatistics()
    meter.set_lang("es")
    return meter.fernandez_huerta(text)


@pytest.mark.django_db
@pytest.mark.parametrize("slug", [seed.slug for seed in SEEDS])
def test_every_shipped_article_reads_plainly_in_its_language(slug):
    article = Article.objects.get(slug=slug)
    text = reading_text(article)
    assert len(text.split()) > 150
    if article.language == "en":
        assert english_grade(text) <= 8
    else:
        assert spanish_ease(text) >= 70


def test_the_meters_tell_hard_text_from_plain_text():
    hard = (
        "Comprehensive multidisciplinary interventions necessitate individualized pharmacological "
        "considerations, particularly regarding concomitant psychiatric symptomatology."
    )
    assert english_grade(hard) > 8
    assert english_grade("You go a few days a week. You sleep at home.") <= 8
    dificil = (
        "Las intervenciones multidisciplinarias individualizadas requieren consideraciones farmacológicas "
        "particularmente relacionadas con la sintomatología psiquiátrica concomitante."
    )
    assert spanish_ease(dificil) < 70
    assert spanish_ease("Va unos días por semana. Duerme en su casa.") >= 70
