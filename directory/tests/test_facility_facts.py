"""At a glance and signs of quality: exactly what each listing's survey answers say, over the real directory."""

import random

import pytest

from directory.facility_facts import ALCOHOL_MEDICATIONS, QUALITY_GROUPS, facility_facts, glance_groups
from directory.models import Facility, Service
from directory.search.filters import LEVEL_OF_CARE, PAYMENT

pytestmark = pytest.mark.django_db


@pytest.fixture
def sample():
    """Two hundred real listings, the same ones each run."""
    ids = list(Facility.objects.filter(published=True).order_by("pk").values_list("pk", flat=True))
    return list(Facility.objects.filter(pk__in=random.Random(10).sample(ids, 200)))


def codes_of(facility: Facility) -> set[str]:
    """The oracle: the listing's codes read from the Service table, not from the cached legend."""
    return set(Service.objects.filter(bit__in=facility.service_bits()).values_list("code", flat=True))


def test_each_glance_fact_lists_exactly_the_options_whose_codes_the_listing_gives(sample):
    for facility in sample:
        codes = codes_of(facility)
        facts = {fact.group.key: fact.items for fact in facility_facts(facility).glance}
        assert facts["pay"] == [str(o.label) for o in PAYMENT.options if codes & set(o.codes)]
        assert facts["care"] == [str(o.label) for o in LEVEL_OF_CARE.options if codes & set(o.codes)]
        assert facts["tele"] == (["Offers telehealth"] if "TELE" in codes else [])


def test_iop_comes_first_among_the_levels_of_care_when_listed(sample):
    with_iop = [f for f in sample if "OIT" in codes_of(f)]
    assert with_iop
    for facility in with_iop:
        care = facility_facts(facility).glance[0]
        assert care.group.key == "care" and care.items[0] == "Intensive outpatient (IOP)"


def test_signs_of_quality_name_the_accreditations_and_licenses_listed_and_nothing_else(sample):
    names = {"JC": "The Joint Commission", "STAG": "State substance use treatment agency"}
    seen = set()
    for facility in sample:
        codes = codes_of(facility)
        quality = {fact.group.key: fact.items for fact in facility_facts(facility).quality}
        assert ("The Joint Commission" in quality["accreditation"]) == ("JC" in codes)
        assert ("State substance use treatment agency" in quality["license"]) == ("STAG" in codes)
        accreditors = {"CARF", "JC", "NCQA", "COA", "HFAP"}
        assert bool(quality["accreditation"]) == bool(codes & accreditors)
        seen |= {code for code in names if code in codes}
    assert seen == set(names), "the sample holds listings with and without each"


def test_a_general_alcohol_medication_answer_shows_only_when_no_medicine_is_named(sample):
    fallback = str(ALCOHOL_MEDICATIONS[-1].label)
    for facility in sample:
        codes = codes_of(facility)
        items = next(f.items for f in facility_facts(facility).glance if f.group.key == "med-alcohol")
        named = {"ACM", "DSF", "NXN", "VTRL"} & codes
        assert (fallback in items) == (not named and "PMAT" in codes)


def test_every_fact_group_has_a_label_and_every_sign_of_quality_says_why_it_matters():
    for group in (*glance_groups(), *QUALITY_GROUPS):
        assert str(group.label)
    for group in QUALITY_GROUPS:
        assert len(str(group.why)) > 20
