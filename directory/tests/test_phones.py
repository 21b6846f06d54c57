import pytest

from directory.phones import parse_phone


@pytest.mark.parametrize(
    ("raw", "display", "tel"),
    [
        ("205-216-0200", "(205) 216-0200", "tel:+1-205-216-0200"),
        ("928-783-9362 x101", "(928) 783-9362 ext. 101", "tel:+1-928-783-9362;ext=101"),
        ("1-800-662-4357", "(800) 662-4357", "tel:+1-800-662-4357"),
    ],
)
def test_directory_numbers_are_shown_and_dialled_with_their_extension(raw, display, tel):
    phone = parse_phone(raw)
    assert (phone.display, phone.tel) == (display, tel)


@pytest.mark.parametrize("raw", ["call us", "12", ""])
def test_an_undiallable_number_is_shown_as_given_without_a_link(raw):
    phone = parse_phone(raw)
    assert (phone.display, phone.tel) == (raw, "")
