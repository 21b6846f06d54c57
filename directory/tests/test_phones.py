import pytest
from hypothesis import given
from hypothesis import strategies as st

from directory.phones import parse_phone, parse_phone_with_phonenumbers


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


@pytest.mark.parametrize(
    ("raw", "line", "extension"),
    [
        ("928-783-9362 x101", "928-783-9362", "101"),
        ("(205) 216-0200 ext. 7", "(205) 216-0200", "7"),
        ("205-216-0200", "205-216-0200", ""),
    ],
)
def test_a_number_is_split_into_its_line_and_its_extension(raw, line, extension):
    phone = parse_phone(raw)
    assert (phone.line, phone.extension) == (line, extension)


@pytest.mark.django_db
def test_a_facility_lists_its_lines_main_first_then_intake_then_hotline():
    from directory.models import Facility

    facility = Facility(phone="205-216-0200", intake_phones=["205-216-0201", ""], hotline="800-662-4357")
    assert facility.phone_numbers() == [
        ("main", "205-216-0200"),
        ("intake", "205-216-0201"),
        ("hotline", "800-662-4357"),
    ]
    assert Facility(phone="", intake_phones=[], hotline="").phone_numbers() == []


@pytest.mark.django_db
def test_a_line_given_in_digits_and_in_letters_is_listed_once_under_its_first_kind():
    from directory.models import Facility

    facility = Facility(phone="888-727-6398", intake_phones=["888-PARNEXT", "888-727-6399"], hotline="888-727-6398 x0")
    assert facility.phone_numbers() == [("main", "888-727-6398"), ("intake", "888-727-6399")]


@pytest.mark.parametrize("raw", ["205-216-0200 x0", "205-216-0200 ext. 000", "205-216-0200 x 0"])
def test_extension_zero_is_no_extension(raw):
    phone = parse_phone(raw)
    assert (phone.display, phone.tel, phone.extension) == ("(205) 216-0200", "tel:+1-205-216-0200", "")


@pytest.mark.django_db
def test_every_number_of_the_real_directory_reads_as_phonenumbers_reads_it():
    from directory.models import Facility

    numbers = {raw for facility in Facility.objects.only("phone", "intake_phones", "hotline")
               for _kind, raw in facility.phone_numbers()}  # fmt: skip
    assert len(numbers) > 10_000
    differ = [raw for raw in numbers if parse_phone(raw) != parse_phone_with_phonenumbers(raw)]
    assert differ == []


directory_style = st.builds(
    "{}{:02d}-{}{:02d}-{:04d}{}".format,
    st.integers(2, 9), st.integers(0, 99), st.integers(2, 9), st.integers(0, 99), st.integers(0, 9999),
    st.one_of(st.just(""), st.integers(0, 999_999).map(" x{}".format), st.from_regex(r" x0{1,6}", fullmatch=True)),
)  # fmt: skip


@given(directory_style)
def test_a_number_written_as_the_directory_writes_it_reads_as_phonenumbers_reads_it(raw):
    assert parse_phone(raw) == parse_phone_with_phonenumbers(raw)
