"""Importing a directory edition: all of it in one transaction, or nothing.

The run record is written before the transaction and closed after it, so a
failed or killed import leaves the previous directory serving and a record
that says what happened (`mark_interrupted_runs` closes those of dead
processes).
"""

from __future__ import annotations

import os
import re
import socket
from datetime import timedelta
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from directory.geocoding import Geocoder, GeocodingError
from directory.models import Facility
from imports.apply import apply_plan
from imports.legend import stored_legend, upsert_legend
from imports.models import ImportRun
from imports.plan import ImportPlan, plan_import
from imports.readers import ImportFileError, SourceDocument, read_legend_file, read_source
from imports.sources import SourceUnavailable, local_copy, sha256_of


class ImportRefused(Exception):
    """The file is readable but importing it would harm the directory."""


FAILURES = (ImportFileError, SourceUnavailable, ImportRefused, GeocodingError)
STALE_AFTER = timedelta(hours=12)


def import_directory(
    *,
    source: str,
    edition: int | None = None,
    legend_source: str | None = None,
    allow_shrink: bool = False,
    allow_older: bool = False,
    progress: bool = False,
    geocoder: Geocoder | None = None,
    dataset: str | None = None,
) -> ImportRun:
    """Import `source` (a path or URL); raise one of FAILURES with a plain message on refusal."""
    mark_interrupted_runs()
    _refuse_if_another_import_runs()
    run = ImportRun.objects.create(source=source, host=socket.gethostname(), pid=os.getpid())
    try:
        with local_copy(source) as path:
            run.sha256 = sha256_of(path)
            legend = read_legend_file(Path(legend_source)) if legend_source else stored_legend()
            document = read_source(path, legend)
        document.dataset = dataset or document.dataset
        run.dataset = document.dataset
        run.edition = edition or guess_edition(source, document)
        with transaction.atomic():
            _refuse_an_older_edition(document.dataset, run.edition, allow_older=allow_older)
            bits = upsert_legend(document.legend)
            plan = plan_import(
                document, edition=run.edition, bits=bits, now=timezone.now(), geocoder=geocoder, progress=progress
            )
            _refuse_to_shrink(plan, allow_shrink=allow_shrink)
            apply_plan(plan, run)
            run.rows_read = document.rows_read
            run.warnings = run.warnings + document.warnings + plan.warnings
            _close(run, ImportRun.Status.SUCCEEDED)
    except BaseException as error:
        # Anything at all, a Ctrl-C included, closes the run as failed; the
        # transaction above has already rolled the directory back.
        _close(run, ImportRun.Status.FAILED, error=str(error) if isinstance(error, FAILURES) else repr(error))
        raise
    return run


def guess_edition(source: str, document: SourceDocument) -> int:
    """The year in the file's name, else the year the workbook was made, else this year."""
    years = re.findall(r"(?<!\d)(19\d\d|20\d\d)(?!\d)", Path(source).name)
    if years:
        return int(years[-1])
    return document.edition_hint or timezone.now().year


def mark_interrupted_runs() -> int:
    """Close runs whose process died without saying so (killed, machine lost)."""
    stale = 0
    for run in ImportRun.objects.filter(status=ImportRun.Status.RUNNING):
        if _process_gone(run):
            _close(run, ImportRun.Status.FAILED, error="interrupted: the import process ended before finishing")
            stale += 1
    return stale


def _process_gone(run: ImportRun) -> bool:
    if run.host != socket.gethostname() or not run.pid:
        return timezone.now() - run.started_at > STALE_AFTER
    try:
        os.kill(run.pid, 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False
    return run.pid == os.getpid()  # our own pid on a record we did not open: a reused pid


def _refuse_if_another_import_runs() -> None:
    live = ImportRun.objects.filter(status=ImportRun.Status.RUNNING).first()
    if live:
        raise ImportRefused(f"Import #{live.pk} (process {live.pid} on {live.host}) is still running.")


def _close(run: ImportRun, status: str, *, error: str = "") -> None:
    run.status, run.error, run.finished_at = status, error, timezone.now()
    run.save()


def _refuse_an_older_edition(dataset: str, edition: int, *, allow_older: bool) -> None:
    newest = Facility.objects.filter(dataset=dataset).order_by("-last_seen_edition").first()
    if newest and edition < newest.last_seen_edition and not allow_older:
        raise ImportRefused(
            f"Edition {edition} is older than the {newest.last_seen_edition} edition already loaded "
            "(use --allow-older to import it anyway)."
        )


def _refuse_to_shrink(plan: ImportPlan, *, allow_shrink: bool) -> None:
    if plan.published_before and plan.accepted < plan.published_before / 2 and not allow_shrink:
        raise ImportRefused(
            f"The file has {plan.accepted:,} usable listings where {plan.published_before:,} are published now; "
            "refusing to unpublish more than half the directory (use --allow-shrink if that is right)."
        )
