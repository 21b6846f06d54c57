"""Validators for every public API answer, from the latest successful import.

The directory changes only when an import succeeds, so that import's id and
finish time identify every representation the API can give: an ETag built
from them (with the language, as labels are translated) lets a client
revalidate for free, and a matching request is answered 304 before any
search runs.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime

from django.http import HttpRequest, HttpResponseBase, HttpResponseNotModified
from django.utils.cache import patch_vary_headers
from django.utils.http import http_date, parse_etags, parse_http_date_safe

from imports.models import ImportRun

# Bump when the shape of the answers changes, so old cached copies stop matching.
REPRESENTATION_VERSION = "1"
CACHE_CONTROL = "public, max-age=300, stale-while-revalidate=60"


@dataclass(frozen=True)
class DataVersion:
    etag: str
    last_modified: datetime | None


def data_version(request: HttpRequest) -> DataVersion:
    latest = (
        ImportRun.objects.filter(status=ImportRun.Status.SUCCEEDED)
        .order_by("-finished_at", "-id")
        .values_list("pk", "finished_at")
        .first()
    )
    pk, finished = latest if latest else (0, None)
    language = getattr(request, "LANGUAGE_CODE", "")
    seed = f"{REPRESENTATION_VERSION}:{pk}:{finished.isoformat() if finished else ''}:{language}"
    return DataVersion(f'W/"{hashlib.sha256(seed.encode()).hexdigest()[:32]}"', finished)


def not_modified(request: HttpRequest, version: DataVersion) -> HttpResponseBase | None:
    """A 304 when the client's copy is current (RFC 9110: If-None-Match wins over If-Modified-Since)."""
    if request.method not in ("GET", "HEAD"):
        return None
    if_none_match = request.headers.get("If-None-Match")
    if if_none_match:
        # Weak comparison, as RFC 9110 asks for If-None-Match.
        wanted = {tag.removeprefix("W/") for tag in parse_etags(if_none_match)}
        if "*" in wanted or version.etag.removeprefix("W/") in wanted:
            return _not_modified(version)
        return None
    since = parse_http_date_safe(request.headers.get("If-Modified-Since", ""))
    if since is not None and version.last_modified is not None and int(version.last_modified.timestamp()) <= since:
        return _not_modified(version)
    return None


def _not_modified(version: DataVersion) -> HttpResponseBase:
    response = HttpResponseNotModified()
    add_validators(response, version)
    return response


def add_validators(response: HttpResponseBase, version: DataVersion) -> None:
    response["ETag"] = version.etag
    if version.last_modified is not None:
        response["Last-Modified"] = http_date(version.last_modified.timestamp())
    response["Cache-Control"] = CACHE_CONTROL
    patch_vary_headers(response, ("Accept-Language",))
