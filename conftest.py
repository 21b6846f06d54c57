"""Shared test set-up: the real SAMHSA files, and the 2023 directory imported once.

The test database of each session holds the real 2023 national directory;
every test runs inside a transaction that is rolled back, so tests may change
or empty the directory freely.
"""

import os
from pathlib import Path

import pytest
from django.core.cache import cache

SAMHSA_DIR = Path(os.environ.get("SAMHSA_DATA_DIR", Path(__file__).resolve().parent.parent / "shared/data/samhsa"))
DIRECTORY_2023 = SAMHSA_DIR / "national-directory-su-facilities-2023.xlsx"
DIRECTORY_2022 = SAMHSA_DIR / "National_Directory_SA_Facilities_2022.xlsx"
FINDTREATMENT_SAMPLE = SAMHSA_DIR / "findtreatment-api-sample-2019.json"
LEGEND_CSV = SAMHSA_DIR / "service-codes-su-2023.csv"


def pytest_sessionstart(session: pytest.Session) -> None:
    if not DIRECTORY_2023.is_file():
        raise pytest.UsageError(
            f"The SAMHSA files are not at {SAMHSA_DIR}: check out ../shared beside the project or set SAMHSA_DATA_DIR."
        )


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    from imports.services import import_directory

    with django_db_blocker.unblock():
        import_directory(source=str(DIRECTORY_2023))


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def empty_directory(db):
    """The database as a new site has it: ZIP places, but no listings or imports."""
    from directory.models import Facility, Service, ServiceCategory
    from imports.models import ImportRun

    Facility.objects.all().delete()
    Service.objects.all().delete()
    ServiceCategory.objects.all().delete()
    ImportRun.objects.all().delete()
