"""The legend (code -> mask bit, name, category) held in memory for the search.

A search needs a dozen code-to-bit look-ups per request; asking the database
each time would cost more than the search itself. A code's bit is never
reused (see Service), so a cached bit stays true; names and new codes are
picked up by reloading every few minutes.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field

from directory.models import Service
from directory.service_mask import split_words

RELOAD_AFTER_SECONDS = 300.0


@dataclass(frozen=True)
class LegendCode:
    code: str
    name: str
    description: str
    category_code: str
    bit: int


@dataclass
class Legend:
    by_code: dict[str, LegendCode] = field(default_factory=dict)
    loaded_at: float = 0.0
    filter_groups: tuple | None = None  # built by search.filters from this legend
    _words: dict[tuple[str, ...], tuple[int, ...]] = field(default_factory=dict)

    def words_of(self, codes: tuple[str, ...] | list[str]) -> tuple[int, ...]:
        """The mask words matching any of `codes`; all zero when none is known."""
        key = tuple(codes)
        if key not in self._words:
            self._words[key] = self._compute_words(key)
        return self._words[key]

    def _compute_words(self, codes: tuple[str, ...]) -> tuple[int, ...]:
        mask = 0
        for code in codes:
            known = self.by_code.get(code)
            if known is not None:
                mask |= 1 << known.bit
        return split_words(mask)

    def codes_in_category(self, category_code: str) -> list[tuple[str, str]]:
        return [(c.code, c.name) for c in self.by_code.values() if c.category_code == category_code]


_lock = threading.Lock()
_current = Legend()


def legend() -> Legend:
    global _current
    if time.monotonic() - _current.loaded_at > RELOAD_AFTER_SECONDS or not _current.by_code:
        with _lock:
            rows = Service.objects.values_list("code", "name", "description", "category__code", "bit")
            _current = Legend({row[0]: LegendCode(*row) for row in rows}, time.monotonic())
    return _current


def forget_legend() -> None:
    """Drop the cached legend (tests that change it, an import that adds codes)."""
    global _current
    _current = Legend()
