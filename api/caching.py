"""Validators for every public API answer, from the latest successful import.

The directory's revision token (directory.revision) changes with every write
to it, an import or a staff correction, so it identifies every representation
the API can give: an ETag built from it (with the language, as labels are
translated) lets a client revalidate for free, and a matching request is
answered 304 before any search runs. Last-Modified is the latest import's end.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse, HttpResponseBase, HttpResponseNotModified
from django.utils.cache import patch_vary_headers
from django.utils.http import http_date, parse_etags, parse_http_date_safe

from directory.revision import directory_revision
from imports.latest import latest_import
from programs import freshness

# Bump when the shape of the answers changes, so old cached copies stop matching.
REPRESENTATION_VERSION = "1"
CACHE_CONTROL = "public, max-age=300, stale-while-revalidate=60"


@dataclass(frozen=True)
class DataVersion:
    etag: str
    last_modified: datetime | None


def data_version(request: HttpRequest) -> DataVersion:
    finished = latest_import().finished_at
    language = getattr(request, "LANGUAGE_CODE", "")
    # The day too: answers about openings stop counting 30 days after they were given (programs.freshness).
    seed = f"{REPRESENTATION_VERSION}:{directory_revision()}:{language}:{freshness.today()}"
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
    # The language, and so the labels, may come from the browser's language or
    # from the site's language cookie: a shared cache must tell both apart.
    patch_vary_headers(response, ("Accept-Language", "Cookie"))


# ---------------------------------------------------------------- response cache
# The answer to a GET depends only on its URL, its language and the data
# version, so a finished JSON body can be kept until the next import: a popular
# search (the same ZIP code, the same filters) is then served without running
# again. Bounded by the cache backend's own size limit, and bodies over
# MAX_CACHED_BYTES are never kept.
MAX_CACHED_BYTES = 256 * 1024


def _response_key(request: HttpRequest, version: DataVersion) -> str:
    digest = hashlib.sha256(f"{version.etag}|{request.get_full_path()}".encode()).hexdigest()
    return f"api-response:{digest}"


def cached_response(request: HttpRequest, version: DataVersion) -> HttpResponse | None:
    if request.method != "GET" or not settings.API_RESPONSE_CACHE_SECONDS:
        return None
    stored = cache.get(_response_key(request, version))
    if stored is None:
        return None
    content, content_type = stored
    return HttpResponse(content, content_type=content_type)


def remember_response(request: HttpRequest, version: DataVersion, response: HttpResponseBase) -> None:
    if (
        request.method != "GET"
        or not settings.API_RESPONSE_CACHE_SECONDS
        or response.status_code != 200
        or not isinstance(response, HttpResponse)
        or len(response.content) > MAX_CACHED_BYTES
    ):
        return
    stored = (response.content, response["Content-Type"])
    cache.set(_response_key(request, version), stored, settings.API_RESPONSE_CACHE_SECONDS)
