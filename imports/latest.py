"""The latest successful import: the version every cache of directory answers is keyed on."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.core.cache import cache

from imports.models import ImportRun


@dataclass(frozen=True)
class LatestImport:
    import_id: int  # 0 before any import
    finished_at: datetime | None


_LATEST_IMPORT_KEY = "latest-import"


def latest_import() -> LatestImport:
    """The latest successful import, which every cache of directory answers is keyed on.

    Kept in the cache for a minute rather than read on every request; saving
    a successful run forgets it (ImportRun.save), so that process, and every
    process when the cache is Redis, sees the new edition at once.
    """

    def lookup() -> LatestImport:
        runs = ImportRun.objects.filter(status=ImportRun.Status.SUCCEEDED).order_by("-finished_at", "-pk")
        row = runs.values_list("pk", "finished_at").first()
        return LatestImport(*row) if row else LatestImport(0, None)

    found = cache.get(_LATEST_IMPORT_KEY)
    if not isinstance(found, LatestImport):
        found = lookup()
        cache.set(_LATEST_IMPORT_KEY, found, 60)
    return found


def forget_latest_import() -> None:
    cache.delete(_LATEST_IMPORT_KEY)
