"""The search filters as a person thinks of them, each option mapped to SAMHSA codes.

Names of groups and options are ours (plain language, translated); what each
code means comes from the legend in the database. Options within one group
combine with OR, groups combine with AND.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.utils.translation import gettext_lazy as _

from directory.legend_names import LegendName

if TYPE_CHECKING:
    from django_stubs_ext import StrPromise

    # What an option is called: our own words (lazy, translated), or the legend's (LegendName).
    FilterLabel = str | StrPromise | LegendName

# The legend's category of "other languages" (F## and N## codes): every code
# in it becomes a language option, named by the legend itself.
OTHER_LANGUAGES_CATEGORY = "OL"


@dataclass(frozen=True)
class FilterOption:
    key: str  # the value in the URL, e.g. care=iop
    codes: tuple[str, ...]  # a facility matches when it offers any of them
    label: FilterLabel
    # Or, instead of codes, a fact the program itself gave (directory.search.program_index.FACTS):
    # kept out of the service masks, which every import rewrites.
    fact: str = ""


@dataclass(frozen=True)
class FilterGroup:
    key: str  # the parameter in the URL
    label: str | StrPromise
    options: tuple[FilterOption, ...]
    main: bool = False  # shown on the home page too

    def options_by_key(self) -> dict[str, FilterOption]:
        return {option.key: option for option in self.options}

    def option(self, key: str) -> FilterOption | None:
        return next((option for option in self.options if option.key == key), None)


def _option(key: str, codes: str, label: FilterLabel) -> FilterOption:
    return FilterOption(key, tuple(codes.split()), label)


LEVEL_OF_CARE = FilterGroup(
    "care",
    _("Level of care"),
    (
        _option("iop", "OIT", _("Intensive outpatient (IOP)")),
        _option("partial", "ODT", _("Partial hospitalization / day treatment")),
        _option("outpatient", "ORT", _("Regular outpatient")),
        _option("outpatient-detox", "OD", _("Outpatient detox")),
        _option("residential", "RES RS RL RD", _("Residential")),
        _option("hospital", "HI HID HIT", _("Hospital inpatient")),
        _option("housing", "HH", _("Sober or transitional housing")),
        _option("otp", "OTP", _("Opioid treatment program (OTP)")),
    ),
    main=True,
)
DEFAULT_CARE = ("iop",)

PAYMENT = FilterGroup(
    "pay",
    _("Payment"),
    (
        _option("private", "PI", _("Private insurance")),
        _option("medicaid", "MD", _("Medicaid")),
        _option("medicare", "MC", _("Medicare")),
        _option("military", "MI", _("Military insurance (TRICARE)")),
        _option("state", "SI", _("State-financed insurance")),
        _option("cash", "SF", _("Cash or self-pay")),
        _option("sliding", "SS", _("Sliding fee scale")),
        _option("assistance", "PA", _("Payment assistance")),
        _option("free", "NP", _("Free (no payment accepted)")),
    ),
    main=True,
)

TELEHEALTH = FilterGroup("tele", _("Telehealth"), (_option("yes", "TELE", _("Offers telehealth")),), main=True)

# What the program says of itself (programs.ProgramFacts), not the survey: each its own group, so
# that choosing two asks for both. Only listings whose program has said so are counted or found.
SCHEDULE = FilterGroup(
    "schedule",
    _("IOP schedule"),
    (FilterOption("evening-weekend", (), _("Evening or weekend IOP"), "evening-weekend"),),
)
OPENINGS = FilterGroup(
    "openings", _("New clients"), (FilterOption("yes", (), _("Taking new clients"), "taking-new-clients"),)
)
VIRTUAL = FilterGroup("virtual", _("Virtual IOP"), (FilterOption("yes", (), _("Virtual IOP"), "virtual-iop"),))
PROGRAM_GROUPS = (SCHEDULE, OPENINGS, VIRTUAL)

MEDICATIONS = FilterGroup(
    "med",
    _("Medications for opioid use"),
    (
        _option("buprenorphine", "BU", _("Buprenorphine")),
        _option("methadone", "MU", _("Methadone")),
        _option("naltrexone", "NU", _("Naltrexone")),
    ),
)

APPROACHES = FilterGroup(
    "approach",
    _("Treatment approaches"),
    (
        _option("cbt", "CBT", _("Cognitive behavioral therapy")),
        _option("motivational", "MOTI", _("Motivational interviewing")),
        _option("trauma", "TRC", _("Trauma-related counseling")),
        _option("relapse", "RELP", _("Relapse prevention")),
        _option("case-management", "CM", _("Case management")),
        _option("contingency", "CMI", _("Contingency management")),
        _option("twelve-step", "TWFA", _("12-step facilitation")),
        _option("matrix", "MXM", _("Matrix Model")),
        _option("family", "FCO", _("Family counseling")),
        # No code in SAMHSA's 2023 legend: FindTreatment.gov names it (imports.labels).
        _option("dbt", "DBT", _("Dialectical behavior therapy (DBT)")),
    ),
)

WHO_IT_SERVES = FilterGroup(
    "serves",
    _("Who it serves"),
    (
        _option("adults", "ADLT", _("Adults")),
        _option("young-adults", "YAD TAY", _("Young adults")),
        _option("adolescents", "CHLD AD", _("Adolescents")),
        _option("seniors", "SNR SE", _("Older adults")),
        _option("women", "WN", _("Programs for women")),
        _option("men", "MN", _("Programs for men")),
        _option("pregnant", "PW", _("Pregnant or postpartum women")),
        _option("veterans", "VET", _("Veterans")),
        _option("lgbtq", "GL", _("LGBTQ+ people")),
        _option("court", "CJ", _("Court-referred clients")),
        _option("dui", "DU", _("DUI/DWI clients")),
        _option("co-occurring", "CO", _("Co-occurring mental health conditions")),
    ),
)

_MAIN_LANGUAGES = (
    _option("spanish", "SP", _("Spanish")),
    _option("asl", "AH", _("Sign language (deaf and hard of hearing)")),
    _option("native", "NX", _("American Indian or Alaska Native languages")),
)


def _language_group() -> FilterGroup:
    """Spanish, sign language, then every other language the legend names."""
    from directory.search.legend import legend

    others = tuple(
        FilterOption(code.lower(), (code,), LegendName(code, name))
        for code, name in legend().codes_in_category(OTHER_LANGUAGES_CATEGORY)
    )
    return FilterGroup("lang", _("Languages"), _MAIN_LANGUAGES + others)


STATIC_GROUPS = (LEVEL_OF_CARE, PAYMENT, TELEHEALTH, *PROGRAM_GROUPS, MEDICATIONS, APPROACHES, WHO_IT_SERVES)


def filter_groups() -> tuple[FilterGroup, ...]:
    """Every filter group in the order the page shows them (cached with the legend)."""
    from directory.search.legend import legend

    current = legend()
    if current.filter_groups is None:
        current.filter_groups = (*STATIC_GROUPS, _language_group())
    return current.filter_groups


# Groups whose chosen options a result card shows as short tags.
TAG_GROUPS = (LEVEL_OF_CARE, PAYMENT, TELEHEALTH)


# Translated labels by (language, id of the lazy label). The lazy labels are
# module constants that live as long as the process, so their ids never
# change hands; the legend's names (LegendName) come and go with the legend
# and are looked up by their code instead.
_label_texts: dict[tuple[str | None, int], str] = {}


def label_text(label: FilterLabel, language: str | None) -> str:
    """A label in `language` (the active one): each lazy label is translated once, not on every page."""
    if isinstance(label, str):
        return label
    if isinstance(label, LegendName):  # looked up by code each time: the legend can change between imports
        return label.in_language(language)
    key = (language, id(label))
    text = _label_texts.get(key)
    if text is None:
        text = _label_texts[key] = str(label)
    return text
