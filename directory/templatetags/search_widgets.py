"""The search page's repeated bits, built in Python.

A page has twenty result cards; rendered through template loops (Django's, or
Jinja2 macros: measured at 2.7 ms a page against 0.9 ms here) they took a
large share of a results page's time. Here every value from the data or a
translation goes through `escape` once, and the markup is plain f-strings.
Used by the search page's Jinja2 templates and by the city pages.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from html import escape

from django import template
from django.urls import get_script_prefix, reverse
from django.utils.formats import date_format, number_format
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

from directory.models import CoordinatePrecision, Facility
from directory.phones import parse_phone
from directory.search.cards import built_once
from directory.search.filters import FilterOption, label_text
from directory.search.location import EXACT, Location
from directory.search.selector import Hit

# Positions that are a ZIP code's or a city's center, not the program's own.
APPROXIMATE_PRECISIONS = frozenset({CoordinatePrecision.ZIP, CoordinatePrecision.CITY})

register = template.Library()


@register.simple_tag
def result_cards(
    hits: list[Hit], back_to: str = "", location: Location | None = None, twins: dict[str, str] | None = None
) -> SafeString:
    """The list items of a page of results: name, distance, address, main services, call and details.

    `back_to` is where the shortlist button returns (this page's URL); `twins` tells apart a listing that
    shares its name and address with another (see twin_labels).
    """
    words = _CardWords(back_to, location, twins or {})
    return mark_safe("\n".join(words.card(hit) for hit in hits))  # noqa: S308 (escaped in card)  # nosec B308, B703


class _CardWords:
    """What every card of one page says alike, translated and escaped once per language (_PageWords)."""

    def __init__(self, back_to: str, location: Location | None, twins: dict[str, str]) -> None:
        self.language = get_language()
        self.words = words = _page_words(self.language, get_script_prefix())
        self.shortlist_form = (
            f'<form class="shortlist-form" method="post" action="{words.shortlist_action}">'
            f'<input type="hidden" name="next" value="{escape(back_to)}">'
            f'<button type="submit" name="action" value="add" class="secondary">{words.add_to_shortlist}'
        )
        self.distance = DistanceWords(location, words.in_zip_area)
        self.twins = twins

    def tag_list(self, tags: list[FilterOption]) -> str:
        if not tags:
            return ""
        items = "".join(f"<li>{escape(label_text(tag.label, self.language))}</li>" for tag in tags)
        return f'<ul class="tags" aria-label="{self.words.main_services}">{items}</ul>'

    def matched_line(self, hit: Hit) -> str:
        """The options the visitor chose that this program offers ("Medicaid · Buprenorphine"); IOP has its mark."""
        shown = [escape(label_text(option.label, self.language)) for option in hit.matched if option.key != "iop"]
        return f'<p class="matched">{self.words.matches} {" · ".join(shown)}</p>' if shown else ""

    def unconfirmed_note(self, hit: Hit) -> str:
        """A short note when no source has confirmed the listing for 18 months (flagged by the search itself)."""
        if hit.unconfirmed_since is None:
            return ""
        note = self.words.unconfirmed % {"date": date_format(hit.unconfirmed_since, "DATE_FORMAT")}
        return f'<p class="out-of-date">{escape(note)}</p>'

    def iop_mark(self, hit: Hit) -> str:
        if not any(tag.key == "iop" for tag in hit.tags):
            return ""
        return f' <abbr class="iop-mark" title="{self.words.iop_title}">{self.words.iop}</abbr>'

    def card(self, hit: Hit) -> str:
        facility = hit.facility
        fixed = self._fixed_parts(hit)
        parts = [fixed.heading]
        if facility.public_id in self.twins:
            parts.append(
                f'<p class="twin">{self.words.same_name_and_address} {escape(self.twins[facility.public_id])}</p>'
            )
        if hit.distance_miles is not None:
            parts.append(f'<p class="distance">{escape(self.distance.text(hit.distance_miles, facility))}</p>')
        elif facility.latitude is None:
            parts.append(f'<p class="distance">{self.words.location_unknown}</p>')
        parts += [
            fixed.address,
            self.matched_line(hit),
            fixed.tags,
            self.unconfirmed_note(hit),
            fixed.actions,
            self.shortlist_form,  # this page's address, to come back to
            fixed.shortlist_end,
        ]
        return "".join(parts)

    def _fixed_parts(self, hit: Hit) -> _FixedParts:
        """What the card says the same on every page: built once per facility and language."""
        return built_once(hit.facility, f"card:{self.language}", lambda: self._build_fixed_parts(hit))

    def _build_fixed_parts(self, hit: Hit) -> _FixedParts:
        facility = hit.facility
        url = escape(facility.get_absolute_url())
        name = escape(facility.name)
        latitude, longitude = facility.latitude, facility.longitude
        position = f' data-lat="{latitude!r}" data-lon="{longitude!r}"' if latitude is not None else ""
        program = f'<p class="program">{escape(facility.program_name)}</p>' if facility.program_name else ""
        street = ", ".join(part for part in (facility.street1, facility.street2) if part)
        address = f"{street}, {facility.city}, {facility.state} {facility.zip_code}"
        phone = parse_phone(facility.phone or "")
        call = ""
        if phone.tel:
            call = (
                f'<a class="call" href="{escape(phone.tel)}">{escape(self.words.call % {"number": phone.display})}</a>'
            )
        details = f'{self.words.view_details}<span class="visually-hidden">: {name}</span>'
        return _FixedParts(
            heading=f'<li class="hit"{position}><h3><a href="{url}">{name}</a>{self.iop_mark(hit)}</h3>{program}',
            address=f"<address>{escape(address)}</address>",
            tags=self.tag_list(hit.tags),
            actions=f'<p class="hit-actions">{call}<a class="details" href="{url}">{details}</a></p>',
            shortlist_end=(
                f'<span class="visually-hidden">: {name}</span></button>'
                f'<input type="hidden" name="id" value="{escape(facility.public_id)}"></form></li>'
            ),
        )


@dataclass(frozen=True)
class _PageWords:
    """The cards' fixed words in one language, escaped where they go into markup as they are."""

    iop: str
    iop_title: str
    matches: str
    shortlist_action: str
    add_to_shortlist: str
    main_services: str
    in_zip_area: str  # plain: escaped with the other distances
    same_name_and_address: str
    location_unknown: str
    call: str  # plain, with %(number)s
    view_details: str
    unconfirmed: str  # plain, with %(date)s


@lru_cache(maxsize=16)
def _page_words(language: str | None, script_prefix: str) -> _PageWords:
    """Made once per language (the active one, which `language` names) and script prefix: translating and
    reversing them for each page was a tenth of its cards' time."""
    return _PageWords(
        iop=escape(_("IOP")),
        iop_title=escape(_("Offers intensive outpatient treatment")),
        matches=escape(_("Matches your choices:")),
        shortlist_action=escape(reverse("directory:shortlist-change")),
        add_to_shortlist=escape(_("Add to my shortlist")),
        main_services=escape(_("Main services")),
        in_zip_area=_("In your ZIP code area"),
        same_name_and_address=escape(_("Same name and address as another listing:")),
        location_unknown=escape(_("Location unknown: call for directions")),
        call=_("Call %(number)s"),
        view_details=escape(_("View details")),
        unconfirmed=_("May be out of date: not confirmed since %(date)s."),
    )


@dataclass(frozen=True)
class _FixedParts:
    """A card's markup that depends on the facility and the language only (escaped)."""

    heading: str  # the list item's start: the name's link, its IOP mark, and the program's name
    address: str
    # The level of care, payment and telehealth tags (the IOP mark in `heading` too): the search finds them
    # in the facility's own services, which change only with the directory's revision.
    tags: str
    actions: str  # call and details
    shortlist_end: str  # after the page's own shortlist form opening


class DistanceWords:
    """How far a listing is, said no more exactly than its two ends are known.

    A ZIP code's or a city's center can be miles from where a person or a
    program really is: from or to one, a distance is "about" whole miles, and
    within the ZIP code searched it is "in your ZIP code area".
    """

    def __init__(self, location: Location | None, in_zip_area: str) -> None:
        self.location = location
        self.language = get_language()
        self.in_zip_area = in_zip_area  # "In your ZIP code area", in the page's language

    def text(self, miles: float, facility: Facility) -> str:
        location = self.location
        searched_zip = location.zip_code if location else ""
        if searched_zip and facility.zip_code[:5] == searched_zip:
            return self.in_zip_area
        approximate = (location is not None and location.precision != EXACT) or (
            facility.coordinate_precision in APPROXIMATE_PRECISIONS
        )
        said = max(1, round(miles)) if approximate else round(miles, 1)
        key = (self.language, approximate, said)
        text = _distance_texts.get(key)
        if text is None:
            if len(_distance_texts) >= MAX_DISTANCE_TEXTS:
                _distance_texts.clear()
            text = _distance_texts[key] = _distance_text(said, approximate=approximate)
        return text


# Each page says twenty distances, most of them said before: each (language, about or not, miles) once.
_distance_texts: dict[tuple[str | None, bool, float], str] = {}
MAX_DISTANCE_TEXTS = 20_000


def _distance_text(miles: float, *, approximate: bool) -> str:
    if not approximate:
        return _("%(miles)s miles away") % {"miles": number_format(miles, 1)}
    return ngettext("About %(miles)s mile away", "About %(miles)s miles away", int(miles)) % {
        "miles": number_format(miles)
    }
