"""The legend (code -> mask bit, name, category) held in memory for the search.

A search needs a dozen code-to-bit look-ups per request; asking the database
each time would cost more than the search itself. The copy is kept for one
revision of the directory (directory.revision): a write to the legend renews
the revision, so new codes and names are seen by the next search.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field

from directory.models import Service
from directory.revision import directory_revision
from directory.service_mask import join_words, split_words


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
    revision: str = ""
    filter_groups: tuple | None = None  # built by search.filters from this legend
    _words: dict[tuple[str, ...], tuple[int, ...]] = field(default_factory=dict)
    _masks: dict[tuple[str, ...], int] = field(default_factory=dict)

    def words_of(self, codes: tuple[str, ...] | list[str]) -> tuple[int, ...]:
        """The mask words matching any of `codes`; all zero when none is known."""
        key = tuple(codes)
        if key not in self._words:
            self._words[key] = self._compute_words(key)
        return self._words[key]

    def mask_of(self, codes: tuple[str, ...]) -> int:
        """words_of(codes) as one integer, to test a facility's joined words against."""
        mask = self._masks.get(codes)
        if mask is None:
            mask = self._masks[codes] = join_words(self.words_of(codes))
        return mask

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
    revision = directory_revision()
    if revision != _current.revision or not revision:
        with _lock:
            rows = Service.objects.values_list("code", "name", "description", "category__code", "bit")
            _current = Legend({row[0]: LegendCode(*row) for row in rows}, revision)
    return _current
