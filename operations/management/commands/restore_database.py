"""manage.py restore_database FILE: load a backup into the database DATABASE_URL names."""

from pathlib import Path
from typing import Any

from django.core.cache import cache
from django.core.management.base import BaseCommand, CommandError, CommandParser

from operations.backup import BackupError, restore_database


class Command(BaseCommand):
    help = (
        "Restore a backup made by backup_database into the (empty) database DATABASE_URL names, then clear the "
        "cache, whose answers belong to the database before."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--replace", action="store_true", help="Drop what the database holds and replace it with the backup."
        )

    def handle(self, *args: Any, file: Path, replace: bool, **options: Any) -> None:
        if not file.is_file():
            raise CommandError(f"no backup at {file}")
        try:
            restore_database(file, replace=replace)
        except BackupError as error:
            raise CommandError(str(error)) from None
        cache.clear()
        self.stdout.write(f"Restored {file}. Run `manage.py migrate` if this code is newer than the backup.")
