"""The HSDS ids are RFC 4122 version 5 UUIDs, exactly as Python's uuid.uuid5 makes them."""

import uuid

from hypothesis import given
from hypothesis import strategies as st

from directory.hsds_ids import NAMESPACE, hsds_id, hsds_ids_sharing, service_id


@given(kind=st.sampled_from(["service", "organization", "attribute", "phone"]), key=st.text(max_size=40))
def test_each_id_is_the_standard_name_based_uuid(kind, key):
    made = hsds_id(kind, key)
    assert made == str(uuid.uuid5(NAMESPACE, f"{kind}:{key}"))
    assert uuid.UUID(made).version == 5


@given(prefix=st.text(max_size=40), keys=st.lists(st.text(max_size=10), max_size=5))
def test_ids_made_from_a_shared_prefix_are_those_of_the_whole_keys(prefix, keys):
    make = hsds_ids_sharing("attribute", prefix)
    assert [make(key) for key in keys] == [str(uuid.uuid5(NAMESPACE, f"attribute:{prefix}{key}")) for key in keys]


def test_a_listings_service_id_depends_on_its_public_id_alone():
    assert service_id("abc123") == service_id("abc123") != service_id("abc124")
