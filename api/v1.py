"""The public JSON API, version 1: one NinjaAPI whose routers each own one concept."""

from __future__ import annotations

from ninja import NinjaAPI

from api import exports, facilities, meta, taxonomy
from api.errors import install_error_handlers

DESCRIPTION = """\
Intensive outpatient (IOP) and other substance use treatment programs from the
SAMHSA National Directory, searchable with the same parameters as the site's
search page (`/search/?where=77002&pay=medicaid` is `/api/v1/facilities?where=77002&pay=medicaid`).

No key is needed. Every response carries `ETag` and `Last-Modified` (they change
when the directory is re-imported): send `If-None-Match` or `If-Modified-Since`
to get `304 Not Modified`. Requests are limited per client; past the limit the
answer is `429` with `Retry-After`. Errors are JSON: `{"error": code, "message": text}`.
"""

api = NinjaAPI(
    title="IOP Finder API",
    version="1.0.0",
    description=DESCRIPTION,
    urls_namespace="api-v1",
    # ninja's docs page loads Swagger UI from a CDN; our own page (api.docs) needs no third-party script.
    docs_url=None,
    openapi_url="/openapi.json",
)
install_error_handlers(api)
# Exports first: their fixed paths must win over /facilities/{id}-like patterns.
api.add_router("", exports.router)
api.add_router("", facilities.router)
api.add_router("", taxonomy.router)
api.add_router("", meta.router)
