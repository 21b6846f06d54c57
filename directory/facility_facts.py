"""What a facility's listing says, arranged for choosing a program: at a glance, signs of quality.

The facts are SAMHSA's survey answers (service codes); the grouping and the
words are ours. The facility page, the shortlist's comparison and the printed
handout all read them from here, so they never disagree.

"Signs of quality" follows how the NIAAA Alcohol Treatment Navigator frames
quality (accreditation and licensing, a full assessment, medications,
approaches backed by research, care after the program ends): each says what
the survey lists, never that we vouch for the program.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from directory.search.filters import (
    LEVEL_OF_CARE,
    MEDICATIONS,
    PAYMENT,
    TELEHEALTH,
    WHO_IT_SERVES,
    FilterOption,
    filter_groups,
    label_text,
)
from directory.search.legend import legend

if TYPE_CHECKING:
    from django_stubs_ext import StrPromise

    from directory.models import Facility


def _option(key: str, codes: str, label: str | StrPromise) -> FilterOption:
    return FilterOption(key, tuple(codes.split()), label)


ALCOHOL_MEDICATIONS = (
    _option("acamprosate", "ACM", _("Acamprosate")),
    _option("disulfiram", "DSF", _("Disulfiram")),
    _option("naltrexone", "NXN VTRL", _("Naltrexone")),
    # Listed when the program prescribes for alcohol use but names no medicine.
    _option("prescribes", "PMAT", _("Prescribes medication for alcohol use")),
)


@dataclass(frozen=True)
class FactGroup:
    key: str
    label: str | StrPromise
    options: tuple[FilterOption, ...]
    why: str | StrPromise = ""  # why it matters when choosing, in our words
    fallback: str = ""  # the key of an option shown only when no other is listed


@dataclass(frozen=True)
class Fact:
    group: FactGroup
    items: list[str]  # what the listing says, in the visitor's language; empty when it says nothing


def _languages() -> tuple[FilterOption, ...]:
    return next(group.options for group in filter_groups() if group.key == "lang")


def glance_groups() -> tuple[FactGroup, ...]:
    """The facts that decide whether a program can work for someone, IOP first among the levels of care."""
    return (
        FactGroup("care", _("Levels of care"), LEVEL_OF_CARE.options),
        FactGroup("pay", _("Payment accepted"), PAYMENT.options),
        FactGroup("med-opioid", _("Medications for opioid use disorder"), MEDICATIONS.options),
        FactGroup("med-alcohol", _("Medications for alcohol use disorder"), ALCOHOL_MEDICATIONS, fallback="prescribes"),
        FactGroup("lang", _("Languages besides English"), _languages()),
        FactGroup("serves", _("Who it serves"), WHO_IT_SERVES.options),
        FactGroup("tele", _("Telehealth"), TELEHEALTH.options),
    )


QUALITY_GROUPS = (
    FactGroup(
        "accreditation",
        _("Accreditation"),
        (
            _option("carf", "CARF", _("CARF (Commission on Accreditation of Rehabilitation Facilities)")),
            _option("joint-commission", "JC", _("The Joint Commission")),
            _option("ncqa", "NCQA", _("NCQA (National Committee for Quality Assurance)")),
            _option("coa", "COA", _("COA (Council on Accreditation)")),
            _option("hfap", "HFAP", _("HFAP (Healthcare Facilities Accreditation Program)")),
        ),
        _("An outside organization checked the program against its standards. Accreditation is voluntary."),
    ),
    FactGroup(
        "license",
        _("State license or certification"),
        (
            _option("state-agency", "STAG", _("State substance use treatment agency")),
            _option("state-mental-health", "STMH", _("State mental health department")),
            _option("state-health", "STDH", _("State department of health")),
            _option("hospital-license", "HLA", _("Hospital licensing authority")),
        ),
        _("A state agency licenses or certifies the program to give this care."),
    ),
    FactGroup(
        "assessment",
        _("A full assessment before treatment"),
        (
            _option("substance-assessment", "CSAA", _("Comprehensive substance use assessment")),
            _option("mental-health-assessment", "CMHA", _("Comprehensive mental health assessment")),
        ),
        _("A good plan starts from a full picture of your health, your use and your life."),
    ),
    FactGroup(
        "medications",
        _("Medications offered"),
        MEDICATIONS.options + ALCOHOL_MEDICATIONS[:3],
        _("Medications for opioid and alcohol use disorder help many people. Not every program offers them."),
    ),
    FactGroup(
        "approaches",
        _("Approaches backed by research"),
        (
            _option("cbt", "CBT", _("Cognitive behavioral therapy")),
            _option("motivational", "MOTI", _("Motivational interviewing")),
            _option("contingency", "CMI", _("Contingency management")),
            _option("dbt", "DBT", _("Dialectical behavior therapy")),
        ),
        _("These kinds of counseling have been studied and shown to help."),
    ),
    FactGroup(
        "continuing-care",
        _("Care after the program"),
        (
            _option("aftercare", "ACC", _("Aftercare or continuing care")),
            _option("discharge-planning", "DP", _("Discharge planning")),
            _option("follow-up", "OFD", _("Follow-up after discharge")),
        ),
        _("Recovery goes on after IOP ends. A plan for afterward helps keep progress."),
    ),
)


def offered_codes(facility: Facility) -> set[str]:
    """The service codes the facility's listing gives."""
    bits = set(facility.service_bits())
    return {code.code for code in legend().by_code.values() if code.bit in bits}


def facts(facility: Facility, groups: tuple[FactGroup, ...], codes: set[str] | None = None) -> list[Fact]:
    codes = offered_codes(facility) if codes is None else codes
    found = []
    for group in groups:
        named = tuple(option for option in group.options if option.key != group.fallback)
        items = listed_labels(named, codes) or listed_labels(group.options, codes)
        found.append(Fact(group, items))
    return found


def listed_labels(options: tuple[FilterOption, ...], codes: set[str]) -> list[str]:
    """The options whose codes the listing gives, in the visitor's language, each once."""
    language = get_language()
    labels: list[str] = []
    for option in options:
        label = label_text(option.label, language)
        if codes.intersection(option.codes) and label not in labels:
            labels.append(label)
    return labels


@dataclass(frozen=True)
class FacilityFacts:
    glance: list[Fact]
    quality: list[Fact]


def facility_facts(facility: Facility) -> FacilityFacts:
    codes = offered_codes(facility)
    return FacilityFacts(facts(facility, glance_groups(), codes), facts(facility, QUALITY_GROUPS, codes))
