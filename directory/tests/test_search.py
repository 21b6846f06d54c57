"""search_facilities on the real 2023 directory, checked against an independent brute force."""

import math

import pytest

from directory.models import Facility, Place, Service
from directory.search import SearchQuery, search_facilities
from directory.search.filters import filter_groups
from directory.service_mask import SERVICE_COLUMNS, join_words

pytestmark = pytest.mark.django_db

# Dense cities, suburbs, rural places, Alaska, Hawaii and Puerto Rico.
ZIPS = ["10001", "77002", "90012", "60601", "33101", "98101", "59001", "82001", "99501", "96813", "00901", "05001"]
FILTER_COMBINATIONS: list[dict[str, tuple[str, ...]]] = [
    {},
    {"care": ("iop",)},
    {"care": ("iop",), "pay": ("medicaid",)},
    {"care": ("iop", "residential"), "pay": ("private", "cash"), "tele": ("yes",)},
    {"med": ("buprenorphine",), "serves": ("veterans", "women"), "lang": ("spanish",)},
    {"care": ("hospital",), "approach": ("cbt", "trauma")},
]


def miles_between(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance by the spherical law of cosines (not the search's haversine)."""
    p1, p2, dl = math.radians(lat1), math.radians(lat2), math.radians(lon2 - lon1)
    cosine = math.sin(p1) * math.sin(p2) + math.cos(p1) * math.cos(p2) * math.cos(dl)
    return 3958.7613 * math.acos(max(-1.0, min(1.0, cosine)))


def brute_force(lat: float, lon: float, radius: float, filters: dict) -> set[int]:
    bits = dict(Service.objects.values_list("code", "bit"))
    groups = {group.key: group for group in filter_groups()}
    wanted = [
        {bits[code] for key in keys for code in groups[group_key].options_by_key()[key].codes if code in bits}
        for group_key, keys in filters.items()
    ]
    found = set()
    rows = Facility.objects.filter(published=True).values_list("id", "latitude", "longitude", *SERVICE_COLUMNS)
    for pk, f_lat, f_lon, *words in rows:
        # A listing of unknown location is never found by distance.
        if f_lat is None or f_lon is None or miles_between(lat, lon, f_lat, f_lon) > radius:
            continue
        mask = join_words(words)
        if all(any(mask >> bit & 1 for bit in group_bits) for group_bits in wanted):
            found.add(pk)
    return found


def all_ids(query: SearchQuery) -> set[int]:
    result = search_facilities(query)
    return {hit.facility.pk for hit in result.hits}


@pytest.mark.parametrize("zip_code", ZIPS)
def test_it_finds_exactly_the_facilities_within_the_radius_offering_every_chosen_group(zip_code):
    place = Place.objects.get(zip_code=zip_code)
    point = place_point(place)
    for radius in (5, 25, 100):
        for filters in FILTER_COMBINATIONS:
            query = SearchQuery(point=point, radius_miles=radius, filters=filters, page_size=100_000)
            expected = brute_force(point.latitude, point.longitude, radius, filters)
            assert all_ids(query) == expected, (zip_code, radius, filters)


def place_point(place):
    from directory.geocoding import Point

    assert place.latitude is not None and place.longitude is not None, place
    return Point(place.latitude, place.longitude)


def test_the_brute_force_check_is_not_vacuous():
    houston = place_point(Place.objects.get(zip_code="77002"))
    assert len(brute_force(houston.latitude, houston.longitude, 25, {"care": ("iop",), "pay": ("medicaid",)})) > 10


def test_it_lists_the_nearest_first_with_distances_within_the_radius():
    result = search_facilities(SearchQuery(point=place_point(Place.objects.get(zip_code="10001")), radius_miles=10))
    distances = [hit.distance_miles or 0.0 for hit in result.hits]
    assert distances == sorted(distances)
    assert distances and all(d <= 10 for d in distances)


def test_pages_follow_on_without_overlap():
    point = place_point(Place.objects.get(zip_code="90012"))
    first = search_facilities(SearchQuery(point=point, radius_miles=50, page=1))
    second = search_facilities(SearchQuery(point=point, radius_miles=50, page=2))
    assert first.page_count > 2
    assert not {h.facility.pk for h in first.hits} & {h.facility.pk for h in second.hits}
    assert (first.hits[-1].distance_miles or 0) <= (second.hits[0].distance_miles or 0)


def test_a_page_past_the_end_shows_the_last_page():
    point = place_point(Place.objects.get(zip_code="77002"))
    result = search_facilities(SearchQuery(point=point, page=99999))
    assert result.page == result.page_count
    assert result.hits


def test_unpublished_facilities_never_appear():
    point = place_point(Place.objects.get(zip_code="77002"))
    nearest = search_facilities(SearchQuery(point=point)).hits[0].facility
    Facility.objects.filter(pk=nearest.pk).update(published=False)
    assert nearest.pk not in all_ids(SearchQuery(point=point, page_size=100_000))
    state = search_facilities(SearchQuery(state="TX", page_size=100_000))
    assert nearest.pk not in {hit.facility.pk for hit in state.hits}


def test_each_facet_count_is_the_number_of_results_choosing_that_option_would_give():
    point = place_point(Place.objects.get(zip_code="60601"))
    filters = {"care": ("iop",), "pay": ("medicaid",)}
    result = search_facilities(SearchQuery(point=point, filters=filters))
    for facet in result.facets:
        if facet.group.key not in ("care", "pay", "tele", "med"):
            continue
        for option in facet.options:
            with_option = {**filters, facet.group.key: (option.option.key,)}
            assert option.count == search_facilities(SearchQuery(point=point, filters=with_option)).total


def test_options_in_one_group_widen_and_groups_narrow():
    point = place_point(Place.objects.get(zip_code="33101"))
    iop = search_facilities(SearchQuery(point=point, filters={"care": ("iop",)})).total
    iop_or_residential = search_facilities(SearchQuery(point=point, filters={"care": ("iop", "residential")})).total
    iop_and_free = search_facilities(SearchQuery(point=point, filters={"care": ("iop",), "pay": ("free",)})).total
    assert iop_or_residential > iop > iop_and_free


def test_browsing_a_state_lists_only_its_facilities_by_city():
    result = search_facilities(SearchQuery(state="VT", filters={}, page_size=100_000))
    assert result.total == Facility.objects.filter(state="VT", published=True).count()
    assert {hit.facility.state for hit in result.hits} == {"VT"}
    cities = [hit.facility.city.upper() for hit in result.hits]
    assert cities == sorted(cities)
    assert all(hit.distance_miles is None for hit in result.hits)


def test_a_city_page_lists_only_that_city():
    result = search_facilities(SearchQuery(state="TX", city="Houston", page_size=100_000))
    assert result.total > 20
    assert {hit.facility.city.upper() for hit in result.hits} == {"HOUSTON"}


def test_the_name_search_matches_organization_or_program_names_as_typed():
    point = place_point(Place.objects.get(zip_code="77002"))
    result = search_facilities(SearchQuery(point=point, radius_miles=100, filters={}, name="montrose"))
    assert result.total >= 1
    assert all("MONTROSE" in (h.facility.name + h.facility.program_name).upper() for h in result.hits)


def test_wildcards_in_a_name_are_taken_literally():
    point = place_point(Place.objects.get(zip_code="77002"))
    assert search_facilities(SearchQuery(point=point, radius_miles=100, filters={}, name="%")).total == 0
    assert search_facilities(SearchQuery(point=point, radius_miles=100, filters={}, name="_")).total == 0


def test_result_cards_carry_the_main_services_as_tags():
    point = place_point(Place.objects.get(zip_code="77002"))
    hit = search_facilities(SearchQuery(point=point, filters={"care": ("iop",), "tele": ("yes",)})).hits[0]
    labels = [str(tag.label) for tag in hit.tags]
    assert "Intensive outpatient (IOP)" in labels
    assert "Offers telehealth" in labels


def test_hits_carry_the_card_fields_exactly_as_the_orm_loads_them():
    from directory.search.cards import CARD_FIELDS

    point = place_point(Place.objects.get(zip_code="10001"))
    hits = search_facilities(SearchQuery(point=point, filters={})).hits
    assert len(hits) == 20
    for hit in hits:
        loaded = Facility.objects.get(pk=hit.facility.pk)
        for name in CARD_FIELDS:
            value = getattr(hit.facility, name)
            assert value == getattr(loaded, name) and type(value) is type(getattr(loaded, name)), name
