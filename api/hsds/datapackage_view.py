"""/hsds/datapackage.zip: the latest import's directory as an HSDS datapackage, built once per import.

Built right after each successful import (api.apps connects build_after_import)
into HSDS_DATAPACKAGE_DIR, one file per import. When it is missing (the build
was off, or failed, or this server has its own folder) the first request
builds it, and others asked meanwhile are told to come back shortly rather
than each starting a build of their own.
"""

from __future__ import annotations

import logging
import os
import time
from datetime import datetime
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.http import FileResponse, HttpRequest, HttpResponseBase, JsonResponse
from django.utils.translation import gettext as _

from api.errors import error_body
from api.hsds.datapackage import write_zip
from imports.latest import latest_import
from imports.models import ImportRun

logger = logging.getLogger(__name__)
# A build left locked longer than this is taken to have died with its process.
STALE_BUILD_SECONDS = 600
RETRY_AFTER_SECONDS = 30


def package_path(import_id: int, finished_at: datetime | None) -> Path:
    """One file per import (its finish time tells apart databases that share the folder)."""
    stamp = finished_at.strftime("%Y%m%dT%H%M%S") if finished_at else "unfinished"
    return Path(settings.HSDS_DATAPACKAGE_DIR) / f"iopfinder-hsds-import-{import_id}-{stamp}.zip"


def build_package(import_id: int, finished_at: datetime | None) -> Path | None:
    """Build the package of that import unless another process is building it; None in that case."""
    path = package_path(import_id, finished_at)
    path.parent.mkdir(parents=True, exist_ok=True)
    lock = path.with_suffix(".building")
    try:
        descriptor = os.open(lock, os.O_CREAT | os.O_EXCL | os.O_WRONLY)
    except FileExistsError:
        try:
            if time.time() - lock.stat().st_mtime < STALE_BUILD_SECONDS:
                return None
        except FileNotFoundError:  # that build has just ended
            return path if path.is_file() else None
        lock.unlink(missing_ok=True)
        return build_package(import_id, finished_at)
    os.close(descriptor)
    partial = path.with_suffix(".partial")
    try:
        started = time.monotonic()
        counts = write_zip(partial)
        partial.replace(path)  # atomic: a reader sees the old package or the whole new one
        logger.info("HSDS datapackage for import %s: %s rows in %.1f s", import_id, f"{sum(counts.values()):,}",
                    time.monotonic() - started)  # fmt: skip
        for older in path.parent.glob("iopfinder-hsds-import-*.zip"):
            if older != path:
                older.unlink(missing_ok=True)
    finally:
        partial.unlink(missing_ok=True)
        lock.unlink(missing_ok=True)
    return path


def build_after_import(sender: type, instance: ImportRun, **kwargs: object) -> None:
    """post_save of ImportRun: once a successful import is committed, build its package."""
    if instance.status != ImportRun.Status.SUCCEEDED or not settings.HSDS_DATAPACKAGE_AFTER_IMPORT:
        return

    def build() -> None:
        if not package_path(instance.pk, instance.finished_at).is_file():
            build_package(instance.pk, instance.finished_at)

    # robust: a failed build is logged and leaves the import, already committed, succeeded.
    transaction.on_commit(build, robust=True)


def datapackage(request: HttpRequest) -> HttpResponseBase:
    latest = latest_import()
    if not latest.import_id:
        return JsonResponse(error_body("not_found", _("The directory has not been imported yet.")), status=404)
    path = package_path(latest.import_id, latest.finished_at)
    if not path.is_file() and build_package(latest.import_id, latest.finished_at) is None:
        response = JsonResponse(
            error_body("building", _("The datapackage is being built. Try again in a minute.")), status=503
        )
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response
    day = latest.finished_at.date().isoformat() if latest.finished_at else "latest"
    return FileResponse(
        path.open("rb"), as_attachment=True, filename=f"iopfinder-hsds-{day}.zip", content_type="application/zip"
    )
