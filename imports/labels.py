"""FindTreatment.gov service labels mapped to SAMHSA's legend codes, or kept as services of their own.

The export names services by label, grouped by category code (`f2`), and its
wording drifts from the legend's ("Case management" for "Case management
service"). A label is mapped, in this order: by the synonym table
(label_synonyms.csv, for renamed labels), by the exact legend name within its
category, by the exact legend name anywhere. A label no legend code names
becomes a service of its own, named by its source, so that a fact the source
states (a program offers dialectical behavior therapy) is shown and
searchable instead of dropped.
"""

from __future__ import annotations

import csv
import hashlib
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from imports.readers import LegendEntry

SYNONYMS_FILE = Path(__file__).with_name("label_synonyms.csv")
ANY_CATEGORY = "*"
OWN_SERVICE_NOTE = "Named by FindTreatment.gov; SAMHSA's directory legend has no code for it."


def label_key(label: str) -> str:
    """Labels compare without case, punctuation or spacing differences."""
    return re.sub(r"[^a-z0-9]+", "", label.lower())


@lru_cache(maxsize=1)
def synonyms() -> dict[tuple[str, str], str]:
    """(category code or *, label key) -> legend code, from label_synonyms.csv."""
    with SYNONYMS_FILE.open(encoding="utf-8", newline="") as handle:
        lines = (line for line in handle if not line.startswith("#"))
        return {
            (row["source_category"].strip(), label_key(row["source_label"])): row["code"].strip()
            for row in csv.DictReader(lines)
        }


def own_code(category_code: str, label: str) -> str:
    """A stable code for a label no legend names: the same label always gets the same code."""
    digest = hashlib.sha256(f"{category_code}:{label_key(label)}".encode()).hexdigest()
    return "X" + digest[:9].upper()


@dataclass
class LabelMap:
    """Maps one export's labels against one legend and counts how it went."""

    legend: list[LegendEntry]
    mapped: int = 0
    own: Counter[str] = field(default_factory=Counter)  # labels kept as services of their own
    new_entries: dict[str, LegendEntry] = field(default_factory=dict)  # their legend entries, by code

    def __post_init__(self) -> None:
        self._codes = {entry.code: entry for entry in self.legend}
        self._in_category = {(e.category_code, label_key(e.name)): e.code for e in self.legend}
        self._anywhere: dict[str, str] = {}
        for entry in self.legend:
            self._anywhere.setdefault(label_key(entry.name), entry.code)
        self._category_names = {e.category_code: e.category_name for e in self.legend}

    def code_for(self, category_code: str, category_label: str, label: str) -> str:
        key = label_key(label)
        code = (
            synonyms().get((category_code, key))
            or synonyms().get((ANY_CATEGORY, key))
            or self._in_category.get((category_code, key))
            or self._anywhere.get(key)
        )
        if code and code in self._codes:
            self.mapped += 1
            return code
        code = code or own_code(category_code, label)
        self.own[label] += 1
        if code not in self.new_entries:
            category_name = self._category_names.get(category_code) or category_label or category_code
            self.new_entries[code] = LegendEntry(category_code, category_name, code, label, OWN_SERVICE_NOTE)
        return code

    def summary(self) -> str:
        total = self.mapped + sum(self.own.values())
        if not total:
            return "Service labels: none read."
        share = 100 * self.mapped / total
        text = f"Service labels: {self.mapped:,} of {total:,} ({share:.0f}%) mapped to legend codes"
        if not self.own:
            return text + "."
        listed = "; ".join(f"{label} ({count})" for label, count in self.own.most_common())
        return f"{text}; kept as services of their own, named by the source: {listed}"
