"""What the HTTP benchmarks share: gunicorn serving the app, wrk driving it, and a mix of real searches.

Not a benchmark itself (no main()). One URL repeated would measure whatever
that single search costs, and with a cache only the cache. Real traffic is a
long tail of places and filters, so the mix is MIX_SIZE distinct searches
drawn (seeded, so every run asks the same) from the directory itself: the ZIP
code or "City, ST" of a listed facility, any of the page's radii, and zero to
three filter groups of the filter table with one or two options each.
"""

from __future__ import annotations

import hashlib
import json
import os
import random
import re
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import IO
from urllib.parse import urlencode

from bench.common import BENCH_DIR, PROJECT
from bench.search_speed import DATABASE_PREFIX

CONNECTIONS = 16
# The real 2023 directory, in the scratch databases bench.search_speed fills too.
REAL_DIRECTORY = f"{DATABASE_PREFIX}_real"
MIX_SIZE = int(os.environ.get("BENCH_MIX_SIZE", "1000"))
MIX_SEED = 2023


def draw_searches(places: list[tuple[str, str, str]], count: int = MIX_SIZE, seed: int = MIX_SEED) -> list[str]:
    """`count` distinct query strings from (zip, city, state) of listed facilities; the same for the same seed."""
    from directory.search import RADIUS_CHOICES
    from directory.search.filters import STATIC_GROUPS

    rng = random.Random(seed)
    chosen: dict[str, None] = {}  # ordered and distinct
    for _ in range(count * 50):
        if len(chosen) == count:
            break
        zip_code, city, state = rng.choice(places)
        where = zip_code[:5] if rng.random() < 0.5 else f"{city.title()}, {state}"
        pairs = [("where", where), ("radius", str(rng.choice(RADIUS_CHOICES)))]
        for group in rng.sample(STATIC_GROUPS, rng.randint(0, 3)):
            options = rng.sample(group.options, min(len(group.options), rng.randint(1, 2)))
            pairs += [(group.key, option.key) for option in options]
        chosen[urlencode(pairs)] = None
    return list(chosen)


def search_mix(prefix: str, database_url: str) -> list[str]:
    """`prefix` + each query of the mix drawn from the directory at `database_url`, e.g. prefix "/search/?"."""
    code = "from bench.load import _print_mix; import os; _print_mix(os.environ['DATABASE_URL'])"
    environment = {**os.environ, "DEBUG": "true", "DATABASE_URL": database_url}
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=PROJECT, env=environment, check=True, capture_output=True, text=True
    )
    return [prefix + query for query in json.loads(done.stdout.strip().splitlines()[-1])]


def _print_mix(database_url: str) -> None:
    from bench.common import setup_django

    setup_django(database_url)
    from directory.models import Facility
    from directory.search.location import Location, resolve_location

    def found(where: str) -> bool:
        return isinstance(resolve_location(where), Location)

    # Only places the search knows under the listing's own spelling: the API answers 400 for an unknown
    # place ("Laplace, LA" is "La Place" in the ZIP table), which wrk would count as a failed request.
    listed = Facility.objects.filter(published=True, latitude__isnull=False).exclude(city="")
    places = sorted(
        (zip_code, city, state)
        for zip_code, city, state in set(listed.values_list("zip_code", "city", "state"))
        if found(zip_code[:5]) and found(f"{city.title()}, {state}")
    )
    print(json.dumps(draw_searches(places)))


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


@dataclass(frozen=True)
class Load:
    requests: int
    seconds: float
    cpu_seconds: float  # the server's (master and workers), not wrk's

    @property
    def rate(self) -> float:
        return self.requests / self.seconds

    @property
    def cpu_ms(self) -> float:
        """Server CPU per request: what a request costs, whatever else the machine is doing."""
        return self.cpu_seconds * 1000 / self.requests

    def __add__(self, other: Load) -> Load:
        return Load(self.requests + other.requests, self.seconds + other.seconds, self.cpu_seconds + other.cpu_seconds)


@dataclass(frozen=True)
class Comparison:
    """A target's load beside its floor's, summed over alternating rounds, with each round's own ratio."""

    floor: Load
    target: Load
    # The target's requests per second over the floor's, round by round: how far the machine moved the
    # figure while the code stayed the same.
    round_ratios: tuple[float, ...]

    @property
    def ratio(self) -> float:
        return self.target.rate / self.floor.rate

    @property
    def cpu_ratio(self) -> float:
        """The floor's CPU per request over the target's."""
        return self.floor.cpu_ms / self.target.cpu_ms

    def spread(self) -> str:
        return f"rounds {min(self.round_ratios):.2f}-{max(self.round_ratios):.2f}"


def compare(server: GunicornServer, floor: list[str], paths: list[str], seconds: int, rounds: int = 3) -> Comparison:
    """The floor's load and `paths`' load, in alternating rounds, so that a change in what else the
    machine runs falls on both alike; each round gets seconds / rounds."""
    each = max(1, seconds // rounds)
    floor_load = target_load = Load(0, 0.0, 0.0)
    round_ratios = []
    for _ in range(rounds):
        floor_round, target_round = run_load(server, floor, each), run_load(server, paths, each)
        floor_load += floor_round
        target_load += target_round
        round_ratios.append(target_round.rate / floor_round.rate)
    return Comparison(floor_load, target_load, tuple(round_ratios))


def run_load(server: GunicornServer, paths: list[str], seconds: int) -> Load:
    before = server_cpu_seconds(server.process.pid)
    requests, elapsed = _wrk(server.port, paths, seconds)
    return Load(requests, elapsed, server_cpu_seconds(server.process.pid) - before)


def _wrk(port: int, paths: list[str], seconds: int) -> tuple[int, float]:
    base = f"http://127.0.0.1:{port}"
    script = _rotation_script(paths)
    # A short run first, so that both workers have connected and loaded what they keep.
    subprocess.run(["wrk", "-t1", "-c4", "-d1s", "-s", str(script), base], capture_output=True, check=True)
    output = subprocess.run(
        ["wrk", "-t2", f"-c{CONNECTIONS}", f"-d{seconds}s", "--timeout", "10s", "-s", str(script), base],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    if "Non-2xx" in output or "Socket errors" in output:
        raise RuntimeError(f"wrk saw failed requests:\n{output}")
    found = re.search(r"(\d+) requests in ([\d.]+)(m?s)", output)
    if found is None:
        raise RuntimeError(f"wrk printed no count:\n{output}")
    elapsed = float(found.group(2)) / (1000 if found.group(3) == "ms" else 1)
    return int(found.group(1)), elapsed


def server_cpu_seconds(master: int) -> float:
    """User and system CPU time of gunicorn's master and its workers so far (Linux /proc)."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0
    for pid in (master, *_children(master)):
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])  # utime and stime, the stat file's 14th and 15th
    return total / ticks


def _children(pid: int) -> list[int]:
    try:
        return [int(child) for child in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


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
