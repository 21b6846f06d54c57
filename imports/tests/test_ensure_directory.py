"""`make run`'s first step: the real directory when reachable, else a labelled sample."""

import pytest
from django.core.management import call_command

from conftest import DIRECTORY_2023
from directory.models import Facility

pytestmark = pytest.mark.django_db


def test_it_does_nothing_when_the_directory_is_loaded(capsys):
    call_command("ensure_directory")
    assert capsys.readouterr().out.strip() == "The directory is loaded."


def test_it_imports_the_configured_source_into_an_empty_database(settings, empty_directory, capsys):
    settings.DIRECTORY_SOURCE = str(DIRECTORY_2023)
    call_command("ensure_directory")
    assert Facility.objects.filter(published=True, dataset="samhsa-nd").count() == 12744
    assert "12,744 added" in capsys.readouterr().out


def test_an_unreachable_source_is_said_in_one_line_then_sample_data_is_loaded(
    settings, empty_directory, capsys, client
):
    settings.DIRECTORY_SOURCE = "http://127.0.0.1:9/directory.xlsx"
    call_command("ensure_directory")
    lines = capsys.readouterr().out.strip().splitlines()
    assert lines[1].startswith("Could not reach the directory source:") and "SAMPLE data instead." in lines[1]
    sample = Facility.objects.filter(published=True)
    assert sample.count() == 240 and not sample.exclude(dataset="sample").exists()
    assert all("sample data" in name for name in sample.values_list("name", flat=True))
    page = client.get("/")
    assert b"Sample data." in page.content and b"not real programs" in page.content


def test_the_real_directory_replaces_the_sample(settings, empty_directory, client):
    settings.DIRECTORY_SOURCE = "http://127.0.0.1:9/directory.xlsx"
    call_command("ensure_directory")
    call_command("import_directory", str(DIRECTORY_2023))
    assert not Facility.objects.filter(published=True, dataset="sample").exists()
    assert b"Sample data." not in client.get("/").content
