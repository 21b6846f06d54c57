"""In production static files are named by their content and cached for a year; the map's files wait for the map.

The test run itself serves static files under their plain names (STATIC_MANIFEST
is off with DEBUG, as in `make run`), so no test needs `collectstatic` first;
these tests collect once, into a folder of their own, and serve from there as
production does.
"""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.staticfiles.storage import staticfiles_storage
from django.test import Client, override_settings
from whitenoise.storage import CompressedManifestStaticFilesStorage

PROJECT = Path(__file__).resolve().parents[2]
MANIFEST_STORAGE = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "iopfinder.static_storage.ContentNamedStaticStorage"},
}
SEARCH = "/search/?where=77002"


@pytest.fixture(scope="module")
def collected(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("static")
    environment = {**os.environ, "DEBUG": "true", "STATIC_MANIFEST": "true", "STATIC_ROOT": str(folder)}
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "--verbosity", "0"],
        cwd=PROJECT,
        env=environment,
        check=True,
        timeout=300,
    )
    return folder


@pytest.fixture
def production_static(collected):
    with override_settings(
        STORAGES=MANIFEST_STORAGE, STATIC_ROOT=collected, WHITENOISE_USE_FINDERS=False, WHITENOISE_AUTOREFRESH=False
    ):
        yield Client()  # a new client builds its middleware, WhiteNoise's file list included, with these settings


@pytest.mark.django_db
def test_pages_link_static_files_by_a_name_that_changes_with_their_content(production_static):
    body = production_static.get(SEARCH).content.decode()
    assert re.search(r'src="/static/js/search\.[0-9a-f]{12}\.js"', body)
    assert re.search(r'data-htmx="/static/django_htmx/htmx-2\.min\.[0-9a-f]{12}\.js"', body)


@pytest.mark.django_db
def test_content_named_static_files_are_cached_for_a_year_and_sent_compressed(production_static):
    body = production_static.get(SEARCH).content.decode()
    script = re.search(r'src="(/static/js/search\.[0-9a-f]{12}\.js)"', body)
    assert script
    response = production_static.get(script.group(1), HTTP_ACCEPT_ENCODING="gzip")
    assert response.status_code == 200
    cache_control = response.headers["Cache-Control"]
    max_age = re.search(r"max-age=(\d+)", cache_control)
    assert max_age and int(max_age.group(1)) >= 365 * 24 * 3600
    assert "immutable" in cache_control
    assert response.headers["Content-Encoding"] == "gzip"


@pytest.mark.django_db
def test_the_results_page_carries_no_map_or_htmx_script_until_they_are_wanted(client):
    body = client.get(SEARCH).content.decode()
    assert "Show these programs on a map" in body
    fetched = re.findall(r'<(?:script|link)\b[^>]*\b(?:src|href)="([^"]+)"', body)
    assert fetched and not [url for url in fetched if "leaflet" in url or "htmx" in url], fetched
    assert re.search(r'data-leaflet-js="/static/leaflet/leaflet\.js"', body)
    assert "<script" in body and 'defer data-htmx="' in body


@pytest.mark.django_db
def test_every_page_carries_the_style_sheet_under_its_own_nonce(client):
    # A linked sheet would be a second round trip before the first paint on a slow phone (bench/slow_phone.py).
    sheet = (PROJECT / "static" / "css" / "site.css").read_text()
    for path in ("/", SEARCH, "/iop/"):
        response = client.get(path)
        body = response.content.decode()
        nonce = re.search(r"style-src 'self' 'nonce-([^']+)'", response.headers["Content-Security-Policy"])
        assert nonce, response.headers["Content-Security-Policy"]
        assert f'<style nonce="{nonce.group(1)}">{sheet}</style>' in body
        assert 'rel="stylesheet"' not in body


def test_remembered_static_urls_are_the_manifests_own_and_missing_files_still_fail(production_static, collected):
    plain = CompressedManifestStaticFilesStorage(location=collected)
    for name in ("js/search.js", "leaflet/leaflet.css", "django_htmx/htmx-2.min.js"):
        first, again = staticfiles_storage.url(name), staticfiles_storage.url(name)
        assert first == again == plain.url(name)
        assert re.search(r"\.[0-9a-f]{12}\.", first)
    for _ in range(2):
        with pytest.raises(ValueError, match="Missing staticfiles manifest entry"):
            staticfiles_storage.url("js/no-such-file.js")
