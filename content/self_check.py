"""The level-of-care self-check: questions shaped by the six dimensions of a multidimensional
assessment, and the plain rules that turn answers into the levels of care that may fit.

It is not a diagnosis and not an assessment: it points a person to the kind of
program to ask about. The rules, documented here and tested on every path:

1. Danger first. Severe withdrawal signs, a health emergency, or thoughts of
   harming oneself or someone else right now: the check stops and shows 988 and 911.
2. Strong withdrawal signs (need 2 on withdrawal): withdrawal management
   (detox) first, then the level below.
3. The level, from the four needs of physical health, emotional health,
   relapse risk and recovery environment (each 0, 1 or 2):
   - residential when three or more are high (2), or both relapse risk and
     the recovery environment are high;
   - partial hospitalization (or IOP) when two are high;
   - IOP when one is high, or two or more are some (1);
   - regular outpatient (or IOP) otherwise.
   Readiness and the hours a person can give change the advice, not the level.
4. Telehealth is added to the search when the person asked for it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from django_stubs_ext import StrPromise


@dataclass(frozen=True)
class Answer:
    label: StrPromise
    need: int  # 0 = least need
    danger: bool = False


@dataclass(frozen=True)
class SelfCheckQuestion:
    key: str
    dimension: StrPromise
    text: StrPromise
    answers: tuple[Answer, ...]


QUESTIONS: tuple[SelfCheckQuestion, ...] = (
    SelfCheckQuestion(
        "withdrawal",
        _("Withdrawal"),
        _("When you stop drinking or using, or cut down, what happens to your body?"),
        (
            Answer(_("Nothing much, or I have not tried to stop"), 0),
            Answer(_("Some trouble sleeping, feeling on edge or craving"), 1),
            Answer(_("Strong shakes, sweating, throwing up or a racing heart"), 2),
            Answer(_("Seizures, seeing or hearing things that are not there, or deep confusion"), 3, danger=True),
        ),
    ),
    SelfCheckQuestion(
        "physical",
        _("Physical health"),
        _("How is your physical health?"),
        (
            Answer(_("Good, or any health problems are under control"), 0),
            Answer(_("I have health problems that get in the way at times"), 1),
            Answer(_("I have health problems that make each day hard, or that no one is treating"), 2),
            Answer(_("I have chest pain, trouble breathing or another problem that needs care right now"), 3, True),
        ),
    ),
    SelfCheckQuestion(
        "emotional",
        _("Emotional health"),
        _("How have your mood and stress been in the past month?"),
        (
            Answer(_("Mostly OK"), 0),
            Answer(_("I feel low, worried or angry at times, but I cope"), 1),
            Answer(_("Most days it is hard to cope with home, work or school"), 2),
        ),
    ),
    SelfCheckQuestion(
        "safety",
        _("Safety"),
        _("Have you had thoughts of hurting yourself, ending your life, or hurting someone else?"),
        (
            Answer(_("No"), 0),
            Answer(_("In the past, but not in the past month"), 1),
            Answer(_("Yes, in the past month or right now"), 2, danger=True),
        ),
    ),
    SelfCheckQuestion(
        "readiness",
        _("Readiness"),
        _("How do you feel about getting help?"),
        (
            Answer(_("I want to make a change and I am ready to start"), 0),
            Answer(_("Part of me wants to change and part of me is not sure"), 1),
            Answer(_("I am looking mostly because someone else wants me to (family, work or a court)"), 2),
        ),
    ),
    SelfCheckQuestion(
        "relapse",
        _("Relapse risk"),
        _("When you have tried to stop or cut down, how did it go?"),
        (
            Answer(_("I stopped or cut down for months with little help"), 0),
            Answer(_("I stopped for a while, then started again"), 1),
            Answer(_("I cannot stay stopped for more than a few days, even when I try"), 2),
        ),
    ),
    SelfCheckQuestion(
        "environment",
        _("Recovery environment"),
        _("Where you live, how easy is it to stay away from alcohol and drugs?"),
        (
            Answer(_("Easy: the people around me support me"), 0),
            Answer(_("Some stress, or some people around me drink or use"), 1),
            Answer(_("Hard: people I live with use, my home is not safe, or I have no steady place to live"), 2),
        ),
    ),
    SelfCheckQuestion(
        "time",
        _("Time"),
        _("How much time could you give to treatment each week?"),
        (
            Answer(_("A few hours, around work or family"), 0),
            Answer(_("Several hours on three to five days"), 1),
            Answer(_("Most of the day, most days"), 2),
        ),
    ),
    SelfCheckQuestion(
        "telehealth",
        _("Telehealth"),
        _("Would you like to join sessions by video from home?"),
        (
            Answer(_("No, I would rather go in person"), 0),
            Answer(_("Yes, or I do not mind"), 1),
        ),
    ),
)
QUESTIONS_BY_KEY = {question.key: question for question in QUESTIONS}
LEVEL_NEEDS = ("physical", "emotional", "relapse", "environment")


@dataclass(frozen=True)
class Level:
    key: str
    name: StrPromise
    care: tuple[str, ...]  # option keys of the search's "care" group (directory/search/filters.py)


OUTPATIENT = Level("outpatient", _("Regular outpatient, or IOP if you want more support"), ("outpatient", "iop"))
IOP = Level("iop", _("Intensive outpatient (IOP)"), ("iop",))
PARTIAL = Level("partial", _("Partial hospitalization (day treatment), or IOP"), ("partial", "iop"))
RESIDENTIAL = Level("residential", _("Residential treatment"), ("residential",))
WITHDRAWAL = Level("withdrawal", _("Withdrawal management (detox) with medical care"), ("outpatient-detox", "hospital"))
LEVELS_IN_ORDER = (OUTPATIENT, IOP, PARTIAL, RESIDENTIAL)


@dataclass(frozen=True)
class Outcome:
    danger: bool
    first: Level | None = None  # withdrawal management before the level, when needed
    level: Level | None = None
    telehealth: bool = False
    reasons: tuple[StrPromise, ...] = ()


def level_for(needs: dict[str, int]) -> Level:
    high = sum(needs[key] >= 2 for key in LEVEL_NEEDS)
    some = sum(needs[key] == 1 for key in LEVEL_NEEDS)
    if high >= 3 or (needs["relapse"] >= 2 and needs["environment"] >= 2):
        return RESIDENTIAL
    if high == 2:
        return PARTIAL
    if high == 1 or some >= 2:
        return IOP
    return OUTPATIENT


REASONS = {
    ("withdrawal", 2): _(
        "Strong withdrawal signs can be dangerous. Getting through withdrawal with medical care comes first."
    ),
    ("withdrawal", 1): _("Mild withdrawal signs: tell the program about them when you call."),
    ("physical", 2): _("Health problems that make each day hard call for a program with medical staff close by."),
    ("emotional", 2): _("When it is hard to cope most days, more hours of support each week can help."),
    ("safety", 1): _(
        "You have had thoughts of harming yourself in the past: ask for a program that also treats mental health."
        " If they come back, call or text 988."
    ),
    ("readiness", 1): _(
        "Feeling unsure is common. Programs that use motivational interviewing help people sort out what they want."
    ),
    ("readiness", 2): _("Many people start because someone else asked them to, and treatment can still work."),
    ("relapse", 2): _("Starting again after a few days points to a program you attend several days a week, or more."),
    ("environment", 2): _(
        "When home makes it hard to stay sober, a program with housing or a sober home alongside can help."
    ),
    ("time", 0): _("Many IOPs meet in the evening; ask about hours that fit around work."),
}


def signals_danger(submitted: Mapping[str, str]) -> bool:
    """True when any answer sent signals danger, even if the rest of the form is incomplete."""
    for question in QUESTIONS:
        raw = submitted.get(question.key, "")
        if raw.isdigit() and int(raw) < len(question.answers) and question.answers[int(raw)].danger:
            return True
    return False


def outcome_for(answers: dict[str, int]) -> Outcome:
    """answers maps each question's key to the index of the chosen answer."""
    chosen = {key: QUESTIONS_BY_KEY[key].answers[index] for key, index in answers.items()}
    if any(answer.danger for answer in chosen.values()):
        return Outcome(danger=True)
    needs = {key: answer.need for key, answer in chosen.items()}
    level = level_for(needs)
    reasons = tuple(reason for (key, need), reason in REASONS.items() if needs[key] == need)
    return Outcome(
        danger=False,
        first=WITHDRAWAL if needs["withdrawal"] >= 2 else None,
        level=level,
        telehealth=needs["telehealth"] == 1,
        reasons=reasons,
    )
