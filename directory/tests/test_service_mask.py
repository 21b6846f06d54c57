from hypothesis import given
from hypothesis import strategies as st

from directory.service_mask import MAX_SERVICES, TooManyServices, bits_of, join_words, mask_of, split_words

bit_sets = st.sets(st.integers(min_value=0, max_value=MAX_SERVICES - 1))


@given(bit_sets)
def test_any_set_of_services_survives_the_four_signed_columns(bits):
    words = split_words(mask_of(bits))
    assert all(-(2**63) <= word < 2**63 for word in words)
    assert bits_of(join_words(words)) == sorted(bits)  # lowest first: the order services list their codes in


def test_a_mask_beyond_the_columns_is_refused():
    import pytest

    with pytest.raises(TooManyServices):
        split_words(1 << MAX_SERVICES)
