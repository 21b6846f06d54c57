"""`make run` without the real directory: a few sample listings have schedules and openings, labelled as sample data."""

import pytest
from django.core.management import call_command

from programs import freshness
from programs.models import ProgramFacts, StampKind
from programs.selectors import openings_current, program_page

pytestmark = pytest.mark.django_db


def test_the_sample_directory_gives_a_few_listings_sample_facts(settings, empty_directory, client, capsys):
    settings.DIRECTORY_SOURCE = "http://127.0.0.1:9/directory.xlsx"
    call_command("ensure_directory")
    assert "3 with sample schedules and openings" in capsys.readouterr().out
    given = list(ProgramFacts.objects.select_related("facility").order_by("facility_id"))
    assert len(given) == 3
    assert all(facts.facility.dataset == "sample" for facts in given)
    assert {stamp["kind"] for facts in given for stamp in facts.stamps.values()} == {StampKind.SAMPLE}
    assert [openings_current(facts, freshness.today()) for facts in given] == [True, True, False]
    pages = [program_page(facts) for facts in given]
    assert all(page is not None and page.sample for page in pages)
    shown, stale = given[0].facility, given[2].facility
    page = client.get(shown.get_absolute_url()).content.decode()
    assert "Sample data: these details are made up" in page and "Taking new clients" in page
    stale_page = client.get(stale.get_absolute_url()).content.decode()
    assert "Ask about openings when you call." in stale_page
    found = client.get("/search/", {"where": shown.zip_code, "openings": "yes"}).content.decode()
    assert shown.name in found
