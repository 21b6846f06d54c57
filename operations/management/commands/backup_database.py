"""manage.py backup_database FILE: a consistent copy of the database DATABASE_URL names."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from operations.backup import BackupError, backup_database
from operations.job_runs import recorded_run
from operations.models import JobRun


class Command(BaseCommand):
    help = (
        "Write a backup of the database to FILE (pg_dump's custom format, or a SQLite copy). "
        "Back up FIELD_ENCRYPTION_KEYS separately: without them the coverage requests in it cannot be read."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)

    def handle(self, *args: Any, file: Path, **options: Any) -> None:
        with recorded_run(JobRun.Job.BACKUP) as run:
            if not file.parent.is_dir():
                raise CommandError(f"{file.parent} is not a folder")
            try:
                backup_database(file)
            except BackupError as error:
                raise CommandError(str(error)) from None
            run.summary = f"Backed up the database to {file} ({file.stat().st_size:,} bytes)."
            self.stdout.write(run.summary)
