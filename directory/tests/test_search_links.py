"""Links to other searches carry the query exactly as Django's QueryDict would write it, from page 1."""

from django.http import QueryDict
from hypothesis import given
from hypothesis import strategies as st

from directory.search_links import query_from_first_page, search_path

KEYS = st.sampled_from(["where", "radius", "care", "pay", "page", "lang", "name", "sort", "ключ", "a b&c="])
VALUES = st.text(max_size=12)


def _as_django_writes_it(params: QueryDict, changes: dict[str, list[str] | None]) -> str:
    query = params.copy()
    query.pop("page", None)
    for key, values in changes.items():
        query.pop(key, None)
        if values is not None:
            query.setlist(key, values)
    return query.urlencode()


@given(st.lists(st.tuples(KEYS, VALUES), max_size=10), st.dictionaries(KEYS, st.none() | st.lists(VALUES, max_size=3)))
def test_a_changed_query_is_the_one_querydict_would_write(pairs, changes):
    params = QueryDict(mutable=True)
    for key, value in pairs:
        params.appendlist(key, value)
    expected = _as_django_writes_it(params, changes)
    assert query_from_first_page(params, changes) == expected
    assert search_path(params, changes) == f"/search/?{expected}"
    assert query_from_first_page(params) == _as_django_writes_it(params, {})
