"""The SAMHSA legend as one HSDS taxonomy: each category a top-level term, each service code a term under it.

Built from the legend the search holds in memory (and the category names),
and rebuilt when the legend is reloaded, so it never asks the database per
request. Ids are name-based UUIDs of the codes, as stable as the codes.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import Any

from directory.hsds_ids import hsds_id
from directory.models import ServiceCategory
from directory.search.legend import Legend, LegendCode, legend

TAXONOMY_NAME = "SAMHSA National Directory service codes"
TAXONOMY_URI = (
    "https://www.samhsa.gov/data/data-we-collect/n-sumhss-national-substance-use-and-mental-health-services-survey"
)
TAXONOMY_ID = hsds_id("taxonomy", TAXONOMY_NAME)


@dataclass(frozen=True)
class Term:
    id: str
    code: str
    name: str
    description: str
    parent_id: str | None  # None for a category, the top of the tree
    codes: tuple[str, ...]  # the legend codes a service offers to be filed under this term
    body: dict[str, Any]  # the HSDS taxonomy_term
    # The same nested in a service's attributes, without the taxonomy's own details (taxonomy_id
    # names it): a page of 100 full services nests thousands of terms.
    nested: dict[str, Any]


@dataclass(frozen=True)
class Taxonomy:
    terms: tuple[Term, ...]
    by_id: dict[str, Term]
    by_code: dict[str, Term]  # service codes only
    # The legend it was built from, by mask bit: a page of services reads each one's codes here
    # rather than asking legend() (and so the database's revision) once a service.
    by_bit: dict[int, LegendCode]


def taxonomy_body() -> dict[str, Any]:
    return {
        "id": TAXONOMY_ID,
        "name": TAXONOMY_NAME,
        "description": "Service codes of the SAMHSA National Directory legend (Service Code Reference), "
        "grouped by the legend's categories.",
        "uri": TAXONOMY_URI,
    }


def category_term_id(category_code: str) -> str:
    return hsds_id("taxonomy_category", category_code)


def code_term_id(code: str) -> str:
    return hsds_id("taxonomy_term", code)


_lock = threading.Lock()
_built: tuple[Legend, Taxonomy] | None = None


def current_taxonomy() -> Taxonomy:
    global _built
    codes = legend()
    built = _built
    if built is None or built[0] is not codes:
        with _lock:
            built = _built = (codes, _build(codes))
    return built[1]


def _build(codes: Legend) -> Taxonomy:
    categories = list(ServiceCategory.objects.values_list("code", "name"))
    terms: list[Term] = []
    for category_code, category_name in categories:
        members = [code for code in codes.by_code.values() if code.category_code == category_code]
        if not members:
            continue
        terms.append(
            _term(category_term_id(category_code), category_code, category_name, category_name, None,
                  tuple(code.code for code in members))
        )  # fmt: skip
        terms += [
            _term(code_term_id(code.code), code.code, code.name, code.description or code.name,
                  category_term_id(category_code), (code.code,))
            for code in members
        ]  # fmt: skip
    return Taxonomy(
        tuple(terms),
        {term.id: term for term in terms},
        {term.code: term for term in terms if term.parent_id is not None},
        {code.bit: code for code in codes.by_code.values()},
    )


def _term(term_id: str, code: str, name: str, description: str, parent_id: str | None, codes: tuple) -> Term:
    body: dict[str, Any] = {"id": term_id, "code": code, "name": name, "description": description}
    if parent_id is not None:
        body["parent_id"] = parent_id
    nested = body | {"taxonomy": TAXONOMY_NAME, "taxonomy_id": TAXONOMY_ID}
    return Term(
        term_id, code, name, description, parent_id, codes, nested | {"taxonomy_detail": taxonomy_body()}, nested
    )
