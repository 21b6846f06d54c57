"""How a benchmark sets a target beside its floor: summed over alternating rounds, each round's ratio kept."""

from typing import cast

import pytest

from bench import load
from bench.load import GunicornServer, Load, compare


def test_the_ratio_sums_every_round_and_the_spread_shows_each_round(monkeypatch):
    # Floor and target alternate: floor, target, floor, target... as the machine slows down in round two.
    answers = iter([Load(1000, 10.0, 2.0), Load(450, 10.0, 3.0), Load(600, 10.0, 2.0), Load(330, 10.0, 3.0)])
    asked = []

    def measured(server, paths, seconds):
        asked.append((paths, seconds))
        return next(answers)

    monkeypatch.setattr(load, "run_load", measured)
    no_server = cast(GunicornServer, None)  # run_load is replaced: no server is asked
    compared = compare(server=no_server, floor=["/floor/"], paths=["/a/", "/b/"], seconds=20, rounds=2)
    assert asked == [(["/floor/"], 10), (["/a/", "/b/"], 10)] * 2
    assert compared.floor == Load(1600, 20.0, 4.0) and compared.target == Load(780, 20.0, 6.0)
    assert compared.ratio == pytest.approx(780 / 1600)
    assert compared.cpu_ratio == pytest.approx((4.0 / 1600) / (6.0 / 780))
    assert compared.round_ratios == pytest.approx((0.45, 0.55))
    assert compared.spread() == "rounds 0.45-0.55"
