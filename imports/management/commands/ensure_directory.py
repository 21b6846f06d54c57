"""Used by `make run`: import the directory when the database has none.

Tries DIRECTORY_SOURCE; only when that cannot be reached does it say so in
one line and load the generated sample, so a newcomer always sees a site.
"""

import tempfile
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from directory.models import Dataset, Facility
from imports.sample import write_sample_workbook
from imports.services import FAILURES, import_directory, mark_interrupted_runs
from imports.sources import SourceUnavailable
from programs.sample import sample_program_facts


class Command(BaseCommand):
    help = "Import DIRECTORY_SOURCE if no facility is published yet, else the generated sample."

    def handle(self, *args: Any, **options: Any) -> None:
        mark_interrupted_runs()
        if Facility.objects.filter(published=True).exclude(dataset=Dataset.SAMPLE).exists():
            self.stdout.write("The directory is loaded.")
            return
        source = settings.DIRECTORY_SOURCE
        self.stdout.write(f"Importing the directory from {source} ...")
        try:
            run = import_directory(source=source, progress=True)
        except SourceUnavailable as error:
            self.stdout.write(f"Could not reach the directory source: {error} Loading generated SAMPLE data instead.")
            self._load_sample()
            return
        except FAILURES as error:
            raise CommandError(f"Import failed, nothing changed: {error}") from None
        self.stdout.write(run.summary())

    def _load_sample(self) -> None:
        if Facility.objects.filter(dataset=Dataset.SAMPLE, published=True).exists():
            return
        with tempfile.TemporaryDirectory() as folder:
            path = write_sample_workbook(Path(folder) / "sample-directory.xlsx")
            run = import_directory(source=str(path), dataset=Dataset.SAMPLE, edition=timezone.now().year)
        given = sample_program_facts()
        self.stdout.write(f"Sample directory: {run.summary()}; {len(given)} with sample schedules and openings.")
