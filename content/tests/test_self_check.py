"""Every path through the self-check's answers, against the rules its module documents."""

import itertools

import pytest

from content.self_check import (
    IOP,
    LEVELS_IN_ORDER,
    OUTPATIENT,
    PARTIAL,
    QUESTIONS,
    RESIDENTIAL,
    WITHDRAWAL,
    outcome_for,
)
from directory.search.filters import LEVEL_OF_CARE

KEYS = [question.key for question in QUESTIONS]
ALL_PATHS = [
    dict(zip(KEYS, choice, strict=True)) for choice in itertools.product(*(range(len(q.answers)) for q in QUESTIONS))
]


def need(answers: dict[str, int], key: str) -> int:
    return next(q for q in QUESTIONS if q.key == key).answers[answers[key]].need


def is_danger(answers: dict[str, int]) -> bool:
    # Written from the questions' wording, not from the Answer flags the code reads.
    return (
        answers["withdrawal"] == 3  # seizures, hallucinations, deep confusion
        or answers["physical"] == 3  # chest pain, trouble breathing
        or answers["safety"] == 2  # thoughts of harming self or others now
    )


def documented_level(answers: dict[str, int]):
    """The level rules as the module's docstring words them, one sentence per line."""
    physical, emotional, relapse, environment = (
        need(answers, key) for key in ("physical", "emotional", "relapse", "environment")
    )
    high = [physical, emotional, relapse, environment].count(2)
    if high >= 3:
        return RESIDENTIAL  # three or more high
    if relapse == environment == 2:
        return RESIDENTIAL  # relapse risk and recovery environment both high
    if high == 2:
        return PARTIAL
    if high == 1:
        return IOP
    if [physical, emotional, relapse, environment].count(1) >= 2:
        return IOP  # two or more "some"
    return OUTPATIENT


def test_the_check_has_eight_to_ten_questions_each_ordered_from_least_to_most_need():
    assert 8 <= len(QUESTIONS) <= 10
    for question in QUESTIONS:
        needs = [answer.need for answer in question.answers]
        assert needs == sorted(needs) and len(set(needs)) == len(needs), question.key


def test_there_are_thousands_of_paths_and_every_one_is_checked():
    assert len(ALL_PATHS) == 4 * 4 * 3 * 3 * 3 * 3 * 3 * 3 * 2


def test_every_path_leads_to_its_documented_suggestion():
    for answers in ALL_PATHS:
        outcome = outcome_for(answers)
        assert outcome.danger == is_danger(answers), answers
        if outcome.danger:
            assert outcome.level is None and outcome.first is None, answers
            continue
        assert outcome.level == documented_level(answers), answers
        assert (outcome.first == WITHDRAWAL) == (answers["withdrawal"] == 2), answers
        assert outcome.telehealth == (answers["telehealth"] == 1), answers


def test_more_need_never_suggests_less_care():
    for answers in ALL_PATHS:
        outcome = outcome_for(answers)
        if outcome.danger:
            continue
        for key in ("physical", "emotional", "relapse", "environment"):
            if answers[key] + 1 >= len(next(q for q in QUESTIONS if q.key == key).answers):
                continue
            worse = outcome_for({**answers, key: answers[key] + 1})
            if not worse.danger:
                assert LEVELS_IN_ORDER.index(worse.level) >= LEVELS_IN_ORDER.index(outcome.level), (answers, key)


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({}, OUTPATIENT),
        ({"emotional": 1, "relapse": 1}, IOP),
        ({"relapse": 2}, IOP),
        ({"emotional": 2, "physical": 2}, PARTIAL),
        ({"relapse": 2, "environment": 2}, RESIDENTIAL),
        ({"physical": 2, "emotional": 2, "environment": 2}, RESIDENTIAL),
    ],
)
def test_examples_from_the_documentation(changes, expected):
    answers = dict.fromkeys(KEYS, 0) | changes
    assert outcome_for(answers).level == expected


def test_every_suggested_level_is_a_level_the_search_offers():
    offered = set(LEVEL_OF_CARE.options_by_key())
    for level in (*LEVELS_IN_ORDER, WITHDRAWAL):
        assert set(level.care) <= offered, level.key
