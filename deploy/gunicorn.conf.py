"""gunicorn settings for one IOP Finder app server (see deploy/systemd/iopfinder@.service).

nginx in front buffers slow clients, so plain synchronous workers serve well.
"""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8001")
workers = int(os.environ.get("GUNICORN_WORKERS", str(multiprocessing.cpu_count() * 2 + 1)))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 30
keepalive = 30  # nginx keeps connections to the upstream open
# A worker is replaced now and then, so a slow leak never grows for long.
max_requests = 2000
max_requests_jitter = 200
# No access log here: the app logs one JSON line per request, without the
# client's address or the query string (operations/request_log.py).
accesslog = None
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")


def post_request(worker, req, environ, resp):
    """After a worker's first request (the response already sent), freeze what it keeps (iopfinder.heap)."""
    if not getattr(worker, "heap_frozen", False):
        from iopfinder.heap import freeze_long_lived  # the app is imported (and its folder on sys.path) by now

        worker.heap_frozen = True
        freeze_long_lived()
