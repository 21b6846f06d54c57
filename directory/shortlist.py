"""A visitor's shortlist: a few public IDs kept in a cookie on their own device, or carried by a shared link.

Nothing about the visitor is stored on the server: the cookie holds only the
public IDs of listed programs, which are public anyway, and a shared link
carries the same IDs in its query string.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.conf import settings
from django.http import HttpRequest, HttpResponse

from directory.facility_facts import QUALITY_GROUPS, FactGroup, facts, glance_groups, offered_codes
from directory.models import Facility

COOKIE = "shortlist"
MAX_PROGRAMS = 4  # what a phone can compare side by side, and a person can call in an afternoon
COOKIE_DAYS = 90
_PUBLIC_ID = re.compile(r"^[a-z0-9]{1,16}$")


def parse_ids(text: str) -> list[str]:
    """Public IDs from "a,b,c", in order, each once, malformed ones dropped, at most MAX_PROGRAMS."""
    ids: list[str] = []
    for part in text[:400].split(","):
        part = part.strip().lower()
        if _PUBLIC_ID.match(part) and part not in ids:
            ids.append(part)
    return ids[:MAX_PROGRAMS]


def saved_ids(request: HttpRequest) -> list[str]:
    return parse_ids(request.COOKIES.get(COOKIE, ""))


def save_ids(response: HttpResponse, ids: list[str]) -> None:
    if ids:
        response.set_cookie(
            COOKIE,
            ",".join(ids[:MAX_PROGRAMS]),
            max_age=COOKIE_DAYS * 24 * 3600,
            secure=not settings.DEBUG,
            httponly=True,
            samesite="Lax",
        )
    else:
        response.delete_cookie(COOKIE, samesite="Lax")


def changed(ids: list[str], action: str, public_id: str) -> list[str]:
    """The list after adding (at the end, the oldest dropped when full) or removing one program."""
    rest = [item for item in ids if item != public_id]
    if action == "add":
        return [*rest, public_id][-MAX_PROGRAMS:]
    return rest


@dataclass(frozen=True)
class ComparisonRow:
    group: FactGroup
    cells: list[list[str]]  # per program, what its listing says


@dataclass(frozen=True)
class Comparison:
    facilities: list[Facility]
    glance: list[ComparisonRow]
    quality: list[ComparisonRow]


def comparison(ids: list[str]) -> Comparison:
    """The published programs of `ids`, in that order, with their facts side by side."""
    found = {f.public_id: f for f in Facility.objects.filter(public_id__in=ids, published=True)}
    facilities = [found[public_id] for public_id in ids if public_id in found]
    codes = [offered_codes(facility) for facility in facilities]

    def rows(groups: tuple[FactGroup, ...]) -> list[ComparisonRow]:
        per_facility = [facts(facility, groups, own) for facility, own in zip(facilities, codes, strict=True)]
        return [
            ComparisonRow(group, [listing[index].items for listing in per_facility])
            for index, group in enumerate(groups)
        ]

    return Comparison(facilities, rows(glance_groups()), rows(QUALITY_GROUPS))
