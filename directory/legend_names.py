"""The SAMHSA legend's names in the visitor's language.

SAMHSA publishes its legend in English only. Our translations are kept by
code in translations/legend-<language>.csv (kind, code, english, translation).
A translation is used only while the legend's English still reads as it did
when it was translated: a code that SAMHSA renames shows its new English
name, never a translation of the old one.
"""

from __future__ import annotations

import csv
from functools import lru_cache
from pathlib import Path

from django.utils.translation import get_language

TRANSLATIONS = Path(__file__).resolve().parent / "translations"
SERVICE, CATEGORY = "service", "category"


def legend_name(kind: str, code: str, english: str, language: str | None = None) -> str:
    """The name of a legend code (`kind` SERVICE) or category (CATEGORY) in `language` (the active one)."""
    found = _translations(language or get_language() or "").get((kind, code))
    return found[1] if found is not None and found[0] == english else english


class LegendName:
    """A legend name that takes the active language each time it is shown, e.g. as a filter option's label."""

    __slots__ = ("code", "english")

    def __init__(self, code: str, english: str) -> None:
        self.code, self.english = code, english

    def __str__(self) -> str:
        return self.in_language(None)

    def in_language(self, language: str | None) -> str:
        return legend_name(SERVICE, self.code, self.english, language)

    def __repr__(self) -> str:
        return f"LegendName({self.code!r}, {self.english!r})"


@lru_cache(maxsize=8)
def _translations(language: str) -> dict[tuple[str, str], tuple[str, str]]:
    """(kind, code) -> (english, translation) for `language`; empty for English or a language without a file."""
    path = TRANSLATIONS / f"legend-{language.split('-')[0]}.csv"
    if not language or not path.is_file():
        return {}
    with path.open(encoding="utf-8", newline="") as file:
        return {(row["kind"], row["code"]): (row["english"], row["translation"]) for row in csv.DictReader(file)}
