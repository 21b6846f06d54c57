"""python manage.py import_directory SOURCE: import a directory edition from a path or URL."""

import sys
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from directory.geocoding import street_geocoder
from imports.services import FAILURES, import_directory
from operations.job_runs import recorded_run
from operations.models import JobRun


class Command(BaseCommand):
    help = "Import a SAMHSA National Directory workbook or FindTreatment.gov JSON (a path or a URL)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("source", help="path or http(s) URL of the file")
        parser.add_argument("--edition", type=int, help="the edition year (default: from the file name or workbook)")
        parser.add_argument("--legend", help="service legend (CSV or workbook) for FindTreatment JSON")
        parser.add_argument("--allow-shrink", action="store_true", help="accept a file that unpublishes over half")
        parser.add_argument("--allow-older", action="store_true", help="accept an edition older than the one loaded")

    def handle(self, *args: Any, **options: Any) -> None:
        with recorded_run(JobRun.Job.IMPORT) as job_run:
            try:
                run = import_directory(
                    source=options["source"],
                    edition=options["edition"],
                    legend_source=options["legend"],
                    allow_shrink=options["allow_shrink"],
                    allow_older=options["allow_older"],
                    progress=sys.stderr.isatty(),
                    geocoder=street_geocoder(settings.STREET_GEOCODER, timeout=settings.STREET_GEOCODER_TIMEOUT),
                )
            except FAILURES as error:
                raise CommandError(f"Import failed, nothing changed: {error}") from None
            job_run.summary = f"Import #{run.pk} ({run.dataset}, edition {run.edition}): {run.summary()}."
            self.stdout.write(job_run.summary)
            for warning in run.warnings:
                self.stdout.write(f"Warning: {warning}")
            if run.rejected:
                self.stdout.write(f"Rejected rows are listed on import #{run.pk} in the admin (CSV download).")
