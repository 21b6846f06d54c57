"""manage.py export_hsds OUT: the whole published directory as an HSDS 3.0 tabular datapackage in folder OUT.

CSV files and datapackage.json, laid out as Open Referral's compiled/tabular.json;
the same package /hsds/datapackage.zip serves. Reads the directory and changes nothing.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from api.hsds.datapackage import TABLES, write_folder


class Command(BaseCommand):
    help = "Write the published directory as an HSDS 3.0 datapackage (CSV files and datapackage.json) into OUT."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("out", type=Path, help="folder to write (created when missing)")

    def handle(self, *args: Any, out: Path, **options: Any) -> None:
        if out.exists() and not out.is_dir():
            raise CommandError(f"{out} is a file: give a folder to write the datapackage into.")
        clashes = [
            name for name in ("datapackage.json", *(path for path, _ in TABLES.values())) if (out / name).exists()
        ]
        if clashes:
            raise CommandError(f"{out} already holds {clashes[0]}: give an empty or new folder.")
        started = time.monotonic()
        counts = write_folder(out)
        for table, rows in counts.items():
            self.stdout.write(f"{TABLES[table][0]:<26} {rows:>9,} rows")
        self.stdout.write(f"Wrote {out / 'datapackage.json'} in {time.monotonic() - started:.1f} s")
