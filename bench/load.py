"""What the HTTP benchmarks share: gunicorn serving the app, wrk driving it, and a mix of real searches.

Not a benchmark itself (no main()). One URL repeated would measure whatever
that single search costs, and with a cache only the cache; the mix below asks
for 100 different searches (50 real ZIP codes, dense cities and rural places,
each with IOP and one of two payment filters), spread over the run.
"""

from __future__ import annotations

import hashlib
import os
import re
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import IO

from bench.common import BENCH_DIR, PROJECT
from bench.search_speed import DATABASE_PREFIX, ZIPS

CONNECTIONS = 16
# The real 2023 directory, in the scratch databases bench.search_speed fills too.
REAL_DIRECTORY = f"{DATABASE_PREFIX}_real"
PAYMENTS = ("medicaid", "private")


def search_mix(prefix: str) -> list[str]:
    """`prefix` + the query of each search in the mix, e.g. prefix "/search/?"."""
    return [f"{prefix}where={zip_code}&radius=25&care=iop&pay={pay}" for zip_code in ZIPS for pay in PAYMENTS]


def prepare_database(database_url: str) -> None:
    """Migrate and import the 2023 directory in a child process (settings are per process)."""
    code = "from bench.common import setup_django, ensure_real_directory; import os; " \
        "setup_django(os.environ['DATABASE_URL']); ensure_real_directory()"  # fmt: skip
    environment = {**os.environ, "DEBUG": "true", "DATABASE_URL": database_url}
    subprocess.run([sys.executable, "-c", code], cwd=PROJECT, env=environment, check=True)


class GunicornServer:
    """gunicorn, 2 sync workers, serving the app for as long as the `with` block runs.

    `log`: a file for the server's output (else the terminal); `options`: more gunicorn options.
    """

    def __init__(
        self, environment: dict[str, str], port: int, ready_path: str, *, log: IO | None = None, options: tuple = ()
    ) -> None:
        self.environment, self.port, self.ready_path = environment, port, ready_path
        self.log, self.options = log, options

    def __enter__(self) -> GunicornServer:
        command = [sys.executable, "-m", "gunicorn", "iopfinder.wsgi", "-w", "2", "-b", f"127.0.0.1:{self.port}"]
        self.process = subprocess.Popen(
            [*command, "--log-level", "warning", *self.options],
            cwd=PROJECT,
            env=self.environment,
            stdout=self.log,
            stderr=subprocess.STDOUT if self.log else None,
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{self.port}{self.ready_path}", timeout=5) as response:
                    if response.status == 200:
                        return self
            except OSError:
                time.sleep(0.2)
        self.process.terminate()
        raise RuntimeError("gunicorn did not answer within 30 s")

    def __exit__(self, *exc: object) -> None:
        self.process.terminate()
        self.process.wait(timeout=30)


def requests_per_second(port: int, paths: list[str], seconds: int) -> float:
    """wrk's rate over `paths` taken in turn (one path: that one only); refuses a run with any failure."""
    base = f"http://127.0.0.1:{port}"
    script = _rotation_script(paths)
    # A short run first, so that both workers have connected and loaded what they keep.
    subprocess.run(["wrk", "-t1", "-c4", "-d2s", "-s", str(script), base], capture_output=True, check=True)
    output = subprocess.run(
        ["wrk", "-t2", f"-c{CONNECTIONS}", f"-d{seconds}s", "-s", str(script), base],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    if "Non-2xx" in output or "Socket errors" in output:
        raise RuntimeError(f"wrk saw failed requests:\n{output}")
    found = re.search(r"Requests/sec:\s+([\d.]+)", output)
    if found is None:
        raise RuntimeError(f"wrk printed no rate:\n{output}")
    return float(found.group(1))


def _rotation_script(paths: list[str]) -> Path:
    """A wrk Lua script that asks for each path in turn (each wrk thread starts at its own place)."""
    BENCH_DIR.mkdir(parents=True, exist_ok=True)
    script = BENCH_DIR / f"rotation-{hashlib.sha256(chr(10).join(paths).encode()).hexdigest()[:12]}.lua"
    quoted = ",\n".join(f'  "{path}"' for path in paths)
    script.write_text(
        f"local paths = {{\n{quoted}\n}}\n"
        "local next_one = math.random(#paths)\n"
        "request = function()\n"
        "  next_one = next_one % #paths + 1\n"
        '  return wrk.format("GET", paths[next_one])\n'
        "end\n"
    )
    return script
