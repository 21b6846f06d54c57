"""Failure drills on loopback: a part of the stack fails in the middle of a load of searches.

Each drill sends a bounded number of requests (a few seconds' worth) and
prints its figures (run with -s to read them): requests answered, errors seen,
coverage requests lost. The bar: searches keep answering, nothing stored is lost.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack, contextmanager
from pathlib import Path

import psycopg
import pytest
from django.db import connection

from conftest import DIRECTORY_2022
from operations.tests.browsing import post_form
from operations.tests.stack import Stack, database_copy, manage, production_environment, run_manage

pytestmark = pytest.mark.django_db

ZIPS = ["10001", "77002", "60601", "94103", "30303", "98101", "02108", "33131", "85004", "80202"]
CARE = ["iop", "outpatient", "partial"]
# Distinct searches, so that most are worked out afresh rather than answered from the cache.
SEARCHES = [f"/search/?where={zip_code}&radius=25&care={care}" for care in CARE for zip_code in ZIPS] * 2
COUNT_REQUESTS = "from intake.models import CoverageRequest; print(CoverageRequest.objects.count())"
DISRUPT_AFTER = 15


def stored_requests(stack: Stack) -> int:
    return int(manage(stack.env, "shell", "-c", COUNT_REQUESTS).stdout.splitlines()[-1])


def searches_while(stack: Stack, disrupt: Callable[[], None]) -> Counter[int]:
    """Run SEARCHES through nginx with four clients; call `disrupt` once DISRUPT_AFTER have been answered."""
    answered = Counter[int]()
    lock = threading.Lock()
    clients = threading.local()

    def fetch(path: str) -> None:
        if not hasattr(clients, "session"):
            clients.session = stack.client()
        try:
            status = clients.session.get(stack.origin + path, timeout=30).status_code
        except Exception:  # a refused or cut connection is an error the visitor sees too
            status = 0
        with lock:
            answered[status] += 1

    with ThreadPoolExecutor(max_workers=4) as pool:
        running = pool.map(fetch, SEARCHES)
        deadline = time.monotonic() + 60
        while sum(answered.values()) < DISRUPT_AFTER and time.monotonic() < deadline:
            time.sleep(0.02)
        disrupt()
        list(running)
    return answered


def report(drill: str, answered: Counter[int], lost: int) -> None:
    errors = sum(count for status, count in answered.items() if status != 200)
    total = sum(answered.values())
    print(f"\n{drill}: {total} requests, {answered[200]} answered, {errors} errors {dict(answered)}, {lost} lost")


def test_drill_redis_stopped_mid_load_searches_answer_and_the_form_refuses_plainly(stack):
    before = stored_requests(stack)
    answered = searches_while(stack, stack.stop_redis)
    try:
        assert answered == Counter({200: len(SEARCHES)})
        ready = stack.client().get(stack.origin + "/health/ready/")
        assert ready.status_code == 200 and ready.json()["status"] == "degraded"
        assert ready.json()["checks"]["cache"].startswith("failing")
        # The public API's rate limit cannot count without Redis: it lets requests through rather than fail them.
        api = [stack.client().get(f"{stack.origin}/api/v1/facilities?where={zip_code}") for zip_code in ZIPS[:3]]
        assert [response.status_code for response in api] == [200, 200, 200]
        assert all(response.json()["total"] > 0 for response in api)
        person = {"full_name": "Drill Person", "date_of_birth": "1990-01-01", "phone": "(917) 555-0111"}
        form = {**person, "email": "", "contact_time": "morning", "state": "NY", "carrier": "aetna"}
        form |= {"member_id": "D1", "group_number": "", "message": "", "contact_consent": "on", "website": ""}
        refused = post_form(stack.client(), stack.origin, "/coverage/new/", form)
        assert refused.status_code == 503
        assert "Nothing you typed was saved" in refused.text and refused.headers["Retry-After"] == "60"
    finally:
        stack.start_redis()
    accepted = post_form(stack.client(), stack.origin, "/coverage/new/", form)
    assert accepted.status_code == 302, "the form takes requests again once Redis is back"
    after = stored_requests(stack)
    report("Redis stopped mid-load", answered, lost=before + 1 - after)
    assert after == before + 1


def test_drill_postgresql_connections_cut_mid_load_are_reopened_without_restarting_the_app(stack):
    if connection.vendor != "postgresql":
        pytest.skip("a PostgreSQL drill; on SQLite there is no server to lose")
    database = stack.env["DATABASE_URL"]
    before = stored_requests(stack)

    def cut_every_connection() -> None:
        # What a PostgreSQL restart does to the app servers: every open connection is closed under them.
        with psycopg.connect(database, autocommit=True) as admin:
            admin.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )

    answered = searches_while(stack, cut_every_connection)
    after_drill = [stack.client().get(stack.origin + path).status_code for path in SEARCHES[:8]]
    after = stored_requests(stack)
    report("PostgreSQL connections cut mid-load", answered, lost=before - after)
    assert after_drill == [200] * 8, "every app server answers again without a restart"
    assert answered[200] >= len(SEARCHES) - 8, "at most the requests in flight at the cut fail"
    assert after == before


DESCRIBE_DIRECTORY = """
from directory.models import Facility
from imports.models import ImportRun
published = Facility.objects.filter(published=True)
first_ids = sorted(published.values_list("public_id", flat=True))[:50]
print(published.count(), first_ids, ImportRun.objects.filter(status="succeeded").count())
"""


@contextmanager
def small_filesystem(size_bytes: int) -> Iterator[Path]:
    """A scratch tmpfs of this size, or a skip where this machine cannot mount one (not root, no mount)."""
    folder = Path(tempfile.mkdtemp(prefix="iopfinder-full-disk-"))
    try:
        mounted = (
            os.geteuid() == 0
            and subprocess.run(
                ["mount", "-t", "tmpfs", "-o", f"size={size_bytes}", "tmpfs", str(folder)],
                capture_output=True,
                check=False,
            ).returncode
            == 0
        )
        if not mounted:
            pytest.skip("cannot mount a small scratch filesystem here")
        try:
            yield folder
        finally:
            subprocess.run(["umount", str(folder)], check=False)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(scope="module")
def directory_on_a_nearly_full_disk(django_db_setup, django_db_blocker) -> Iterator[str]:
    """A copy of the test database on a filesystem with 4 MB to spare: the DATABASE_URL naming it."""
    if connection.vendor != "sqlite":
        pytest.skip("the database's own disk is filled; PostgreSQL's is the shared server's")
    with ExitStack() as cleanup:
        with django_db_blocker.unblock():
            with connection.cursor() as cursor:
                pages = cursor.execute("PRAGMA page_count").fetchone()[0]
                page_size = cursor.execute("PRAGMA page_size").fetchone()[0]
            disk = cleanup.enter_context(small_filesystem(pages * page_size + 4 * 1024 * 1024))
            database_url = cleanup.enter_context(database_copy("full_disk", disk))
        yield database_url


def test_drill_the_disk_fills_during_an_import_and_the_directory_stays_whole(directory_on_a_nearly_full_disk):
    env = production_environment(directory_on_a_nearly_full_disk)
    before = manage(env, "shell", "-c", DESCRIBE_DIRECTORY).stdout.splitlines()[-1]
    importing = run_manage(env, "import_directory", str(DIRECTORY_2022), "--allow-older")
    after = manage(env, "shell", "-c", DESCRIBE_DIRECTORY).stdout.splitlines()[-1]
    print(f"\nDisk full during an import: exit {importing.returncode}, {importing.stderr.strip()[-300:]}")
    assert importing.returncode != 0
    assert "full" in importing.stderr.lower()
    assert after == before
