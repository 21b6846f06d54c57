"""The app servers' workers leave what they keep for life out of the garbage collector's full passes."""

import gc
import runpy
from pathlib import Path

from django.conf import settings

from iopfinder import heap


def test_freezing_leaves_every_live_object_out_of_later_collections():
    try:
        heap.freeze_long_lived()
        assert gc.get_freeze_count() > 10_000
    finally:
        gc.unfreeze()


def test_a_gunicorn_worker_freezes_once_after_its_first_request(monkeypatch):
    frozen = []
    monkeypatch.setattr(heap, "freeze_long_lived", lambda: frozen.append(True))
    config = runpy.run_path(str(Path(settings.BASE_DIR) / "deploy" / "gunicorn.conf.py"))

    class Worker:
        pass

    worker = Worker()
    for _request in range(3):
        config["post_request"](worker, None, {}, None)
    assert frozen == [True]
