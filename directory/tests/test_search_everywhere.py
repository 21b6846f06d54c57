"""search_facilities over the whole country, by legend codes and within chosen facilities (the open-data lists)."""

import pytest

from directory.models import Facility, Service
from directory.search import SearchQuery, search_facilities
from directory.service_mask import join_words

pytestmark = pytest.mark.django_db


def offering(codes: tuple[str, ...]) -> set[int]:
    """Brute force: the published facilities offering any of `codes`."""
    bits = [bit for code, bit in Service.objects.values_list("code", "bit") if code in codes]
    rows = Facility.objects.filter(published=True).values_list(
        "id", "services_0", "services_1", "services_2", "services_3"
    )
    return {pk for pk, *words in rows if any(join_words(words) >> bit & 1 for bit in bits)}


def every_hit(query: SearchQuery) -> list[int]:
    return [hit.facility.pk for hit in search_facilities(query).hits]


def test_a_search_needs_a_place_unless_it_is_everywhere():
    with pytest.raises(ValueError):
        SearchQuery(filters={})
    assert search_facilities(SearchQuery(everywhere=True, filters={}, page_size=1)).total == 12744


def test_everywhere_pages_go_by_id_without_overlap_or_gap():
    published = list(Facility.objects.filter(published=True).order_by("id").values_list("id", flat=True))
    pages = [every_hit(SearchQuery(everywhere=True, filters={}, page=page, page_size=1000)) for page in (1, 2, 13)]
    assert pages[0] == published[:1000] and pages[1] == published[1000:2000] and pages[2] == published[12000:]


@pytest.mark.parametrize("codes", [(("OIT",),), (("MD", "MC"),), (("OIT",), ("SP",)), (("NOSUCHCODE",),)])
def test_codes_keep_exactly_the_facilities_offering_one_of_each_tuple(codes):
    expected = set.intersection(*(offering(any_of) for any_of in codes))
    found = every_hit(SearchQuery(everywhere=True, filters={}, codes=codes, page_size=20000))
    assert set(found) == expected and len(found) == len(expected)


def test_codes_narrow_a_search_near_a_point_and_its_facet_counts():
    from directory.search.location import Location, resolve_location

    place = resolve_location("77002")
    assert isinstance(place, Location)
    point = place.point
    plain = search_facilities(SearchQuery(point=point, radius_miles=50, filters={}))
    spanish = search_facilities(SearchQuery(point=point, radius_miles=50, filters={}, codes=(("SP",),)))
    assert 0 < spanish.total < plain.total
    iop = next(o for g in spanish.facets if g.group.key == "care" for o in g.options if o.option.key == "iop")
    both = search_facilities(SearchQuery(point=point, radius_miles=50, filters={"care": ("iop",)}, codes=(("SP",),)))
    assert iop.count == both.total


def test_facility_ids_keep_only_those_and_combine_with_the_rest():
    some = set(Facility.objects.filter(published=True, state="VT").values_list("id", flat=True))
    hidden = Facility.objects.filter(published=True).exclude(state="VT").earliest("id")
    hidden.published = False
    hidden.save()
    chosen = frozenset(some | {hidden.pk})
    assert set(every_hit(SearchQuery(everywhere=True, filters={}, facility_ids=chosen, page_size=1000))) == some
    in_texas = SearchQuery(state="TX", filters={}, facility_ids=chosen, page_size=1000)
    assert search_facilities(in_texas).total == 0
    assert search_facilities(SearchQuery(everywhere=True, filters={}, facility_ids=frozenset())).total == 0


def test_a_name_searched_everywhere_matches_the_names():
    found = search_facilities(SearchQuery(everywhere=True, filters={}, name="recovery", page_size=20000))
    expected = Facility.objects.filter(published=True, name__icontains="recovery") | Facility.objects.filter(
        published=True, program_name__icontains="recovery"
    )
    assert {hit.facility.pk for hit in found.hits} == set(expected.values_list("id", flat=True))
