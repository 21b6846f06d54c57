"""Liveness and readiness for a load balancer or process supervisor.

/health/live/ answers as long as the process can serve a request (no
database, no cache: restarting the app would not fix those). /health/ready/
says whether this instance should be sent traffic: the database answers,
every migration is applied and a directory has been imported. A cache that
does not answer makes it "degraded" but still ready (200): every instance
shares one Redis, and the site answers from the database without it, so
taking them all out of the balancer would turn a slower site into none.
Both are exempt from the HTTPS redirect (SECURE_REDIRECT_EXEMPT) so a balancer
may probe an app server over plain HTTP on its private address.
"""

from __future__ import annotations

from collections.abc import Callable

from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.executor import MigrationExecutor
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from imports.latest import latest_import

# Once every migration is applied, this process does not look again: migrating
# further needs new code, which means a restart anyway.
_migrations_seen_applied = False


def _database() -> None:
    with connections[DEFAULT_DB_ALIAS].cursor() as cursor:
        cursor.execute("SELECT 1")


def _cache() -> None:
    cache.set("health:probe", "ok", 10)
    if cache.get("health:probe") != "ok":
        raise RuntimeError("the cache did not keep a value")


def _migrations() -> None:
    global _migrations_seen_applied
    if _migrations_seen_applied:
        return
    executor = MigrationExecutor(connections[DEFAULT_DB_ALIAS])
    if executor.migration_plan(executor.loader.graph.leaf_nodes()):
        raise RuntimeError("migrations are not applied: run manage.py migrate")
    _migrations_seen_applied = True


def _directory_imported() -> None:
    if latest_import().import_id == 0:
        raise RuntimeError("no directory import has succeeded: run manage.py import_directory")


READINESS_CHECKS: dict[str, Callable[[], None]] = {
    "database": _database,
    "cache": _cache,
    "migrations": _migrations,
    "directory": _directory_imported,
}
NOT_REQUIRED = {"cache"}


@require_safe
@never_cache
def live(request: HttpRequest) -> JsonResponse:
    return JsonResponse({"status": "ok"})


@require_safe
@never_cache
def ready(request: HttpRequest) -> JsonResponse:
    results: dict[str, str] = {}
    for name, check in READINESS_CHECKS.items():
        try:
            check()
        except Exception as error:  # any failure means "send no traffic here", with the reason for the operator
            results[name] = f"failing: {type(error).__name__}: {error}"[:200]
        else:
            results[name] = "ok"
    failing = {name for name, result in results.items() if result != "ok"}
    status = "failing" if failing - NOT_REQUIRED else "degraded" if failing else "ok"
    return JsonResponse({"status": status, "checks": results}, status=503 if status == "failing" else 200)
