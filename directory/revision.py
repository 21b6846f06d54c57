"""The directory's revision, and the one way to cache anything that depends on the directory.

Database triggers (directory.search.triggers) give the SearchRevision row a new
random token on every write to a facility or to the service legend, however
the write is made: an import's plain SQL, a staff correction in the admin, a
migration. Every cache of directory answers (search pages, counts, city lists,
the legend, the search snapshot) is keyed on that token through this module,
so none can answer from before the last write and none needs an expiry rule
of its own.

A GET request reads the token once: the search, its legend, its snapshot and
the page cache each asked for it, a database round trip apiece. A GET never
writes to the directory, so one reading holds for the whole request; any
other request, and code outside requests, reads it afresh every time.
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Callable
from typing import Any, TypeVar

from django.core.cache import cache
from django.core.signals import request_finished, request_started
from django.db import connection

T = TypeVar("T")
# Entries of an old revision are never asked for again; this only bounds how long they take space.
KEEP_SECONDS = 24 * 3600
_MISSING = object()
READ_ONLY_METHODS = frozenset({"GET", "HEAD"})


class _RequestMemo(threading.local):
    on = False  # inside a GET or HEAD request
    token: str | None = None


_memo = _RequestMemo()


def directory_revision() -> str:
    """The current token; "" for a database without one (emptied wholesale, or not migrated)."""
    if _memo.token is not None:
        return _memo.token
    with connection.cursor() as cursor:
        cursor.execute("SELECT token FROM directory_searchrevision WHERE id = 1")
        row = cursor.fetchone()
    token = row[0] if row else ""
    if _memo.on:
        _memo.token = token
    return token


def _request_starts(sender: object, environ: dict[str, Any] | None = None, **kwargs: object) -> None:
    _memo.token = None
    _memo.on = (environ or {}).get("REQUEST_METHOD", "") in READ_ONLY_METHODS


def _request_ends(sender: object, **kwargs: object) -> None:
    _memo.token, _memo.on = None, False


request_started.connect(_request_starts, dispatch_uid="directory-revision-memo-start")
request_finished.connect(_request_ends, dispatch_uid="directory-revision-memo-end")


def revision_key(name: str, *parts: object) -> str:
    """A cache key that belongs to the current revision of the directory."""
    digest = hashlib.sha256(":".join(str(part) for part in parts).encode()).hexdigest()[:24] if parts else ""
    return f"{name}:{directory_revision()}:{digest}"


_held: dict[str, tuple[str, Any]] = {}


def held_on_revision(name: str, compute: Callable[[], T], token: str | None = None) -> T:
    """`compute()` once per revision of the directory in this process: for small values that every request
    reads, where even the shared cache's round trip would be a share of the request. `token` is the
    revision the caller has already read (read here when None)."""
    token = directory_revision() if token is None else token
    held = _held.get(name)
    if held is None or held[0] != token or not token:
        held = _held[name] = (token, compute())
    return held[1]  # type: ignore[no-any-return]


def cached_on_revision(name: str, compute: Callable[[], T], *parts: object, seconds: int = KEEP_SECONDS) -> T:
    """`compute()` once per revision of the directory (and per `parts`), from the shared cache after that."""
    key = revision_key(name, *parts)
    value = cache.get(key, _MISSING)
    if value is _MISSING:
        value = compute()
        cache.set(key, value, seconds)
    return value  # type: ignore[return-value]
