"""The directory's revision, and the one way to cache anything that depends on the directory.

Database triggers (directory.search.triggers) give the SearchRevision row a new
random token on every write to a facility or to the service legend, however
the write is made: an import's plain SQL, a staff correction in the admin, a
migration. Every cache of directory answers (search pages, counts, city lists,
the legend, the search snapshot) is keyed on that token through this module,
so none can answer from before the last write and none needs an expiry rule
of its own.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import TypeVar

from django.core.cache import cache
from django.db import connection

T = TypeVar("T")
# Entries of an old revision are never asked for again; this only bounds how long they take space.
KEEP_SECONDS = 24 * 3600
_MISSING = object()


def directory_revision() -> str:
    """The current token; "" for a database without one (emptied wholesale, or not migrated)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT token FROM directory_searchrevision WHERE id = 1")
        row = cursor.fetchone()
    return row[0] if row else ""


def revision_key(name: str, *parts: object) -> str:
    """A cache key that belongs to the current revision of the directory."""
    digest = hashlib.sha256(":".join(str(part) for part in parts).encode()).hexdigest()[:24] if parts else ""
    return f"{name}:{directory_revision()}:{digest}"


def cached_on_revision(name: str, compute: Callable[[], T], *parts: object, seconds: int = KEEP_SECONDS) -> T:
    """`compute()` once per revision of the directory (and per `parts`), from the shared cache after that."""
    key = revision_key(name, *parts)
    value = cache.get(key, _MISSING)
    if value is _MISSING:
        value = compute()
        cache.set(key, value, seconds)
    return value  # type: ignore[return-value]
