"""Run every benchmark module in bench/ that has a main(), one after another.

python -m bench                  # all of them
python -m bench search_speed     # only those named
"""

from __future__ import annotations

import importlib
import pkgutil
import signal
import sys
import time
from pathlib import Path


def benchmark_modules(names: list[str]) -> list[str]:
    found = sorted(info.name for info in pkgutil.iter_modules([str(Path(__file__).parent)]))
    found = [name for name in found if not name.startswith("_") and name not in ("common", "tests")]
    return [name for name in found if not names or name in names]


def main() -> int:
    # Stopped from outside, the run still drops its scratch databases (atexit in bench.common).
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    failures = 0
    for name in benchmark_modules(sys.argv[1:]):
        module = importlib.import_module(f"bench.{name}")
        run = getattr(module, "main", None)
        if not callable(run):
            continue
        print(f"\n=== bench.{name}", flush=True)
        started = time.perf_counter()
        try:
            outcome = run()
        except Exception as error:  # one broken benchmark must not hide the others' figures
            print(f"bench.{name} failed: {error!r}", flush=True)
            failures += 1
            continue
        if isinstance(outcome, int) and outcome:
            failures += 1
        print(f"(bench.{name} took {time.perf_counter() - started:.0f} s)", flush=True)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
