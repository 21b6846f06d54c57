"""A staff correction survives re-imports of its edition; a newer source that disagrees flags it for review."""

import pytest
from django.contrib.auth import get_user_model
from django_otp.plugins.otp_totp.models import TOTPDevice

from directory.models import Facility
from directory.provenance import fact_dates
from imports.services import import_directory
from imports.tests.workbooks import facility_row, write_workbook
from intake.tests.conftest import signed_in_with_both_factors

pytestmark = pytest.mark.django_db


def stamps(listing: Facility) -> dict:
    return listing.provenance or {}


def flags(listing: Facility) -> dict:
    return listing.review_flags or {}


CORRECT_PHONE = "713-555-0123"


@pytest.fixture
def admin_client():
    user = get_user_model().objects.create_superuser("reviewer", "reviewer@example.org", "a long test password 1")
    TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    return signed_in_with_both_factors(user)


def edition(tmp_path, year: int, **changes: object):
    rows = [facility_row(n, **(changes if n == 1 else {})) for n in range(1, 6)]
    return str(write_workbook(tmp_path / f"directory-{year}.xlsx", extra_rows=rows))


def correct_phone(admin_client, facility: Facility, phone: str) -> None:
    """Change the main phone through the admin's own form, as a staff member would."""
    page = admin_client.get(f"/admin/directory/facility/{facility.pk}/change/")
    form = page.context["adminform"].form
    data = {name: form[name].value() for name in form.fields if form[name].value() is not None}
    data["intake_phones"] = form["intake_phones"].value()
    data["phone"] = phone
    response = admin_client.post(f"/admin/directory/facility/{facility.pk}/change/", data)
    assert response.status_code == 302, response.content[:2000]


def first_listing() -> Facility:
    return Facility.objects.get(name="Test Recovery Center 1")


def test_a_correction_survives_a_reimport_of_the_same_edition(empty_directory, tmp_path, admin_client):
    import_directory(source=edition(tmp_path, 2023))
    correct_phone(admin_client, first_listing(), CORRECT_PHONE)
    run = import_directory(source=edition(tmp_path, 2023))
    listing = first_listing()
    assert listing.phone == CORRECT_PHONE
    assert stamps(listing)["phone"]["kind"] == "correction" and stamps(listing)["phone"]["by"] == "reviewer"
    assert run.flagged_for_review == 0 and not listing.review_flags


def test_a_newer_edition_that_disagrees_flags_the_correction_instead_of_overwriting_it(
    empty_directory, tmp_path, admin_client
):
    import_directory(source=edition(tmp_path, 2023))
    correct_phone(admin_client, first_listing(), CORRECT_PHONE)
    run = import_directory(source=edition(tmp_path, 2024, Phone="713-555-0999", Service_code_info="SA * OIT * MD"))
    listing = first_listing()
    assert listing.phone == CORRECT_PHONE
    assert flags(listing)["phone"]["value"] == ["713-555-0999"]
    assert flags(listing)["phone"]["edition"] == 2024
    assert run.flagged_for_review == 1
    # Facts nobody corrected follow the newer edition as usual.
    assert stamps(listing)["services"]["edition"] == 2024
    phones = next(fact for fact in fact_dates(listing) if fact.group == "phones")
    assert phones.flagged and phones.corrected


def test_a_newer_edition_that_agrees_confirms_the_correction(empty_directory, tmp_path, admin_client):
    import_directory(source=edition(tmp_path, 2023))
    correct_phone(admin_client, first_listing(), CORRECT_PHONE)
    run = import_directory(source=edition(tmp_path, 2024, Phone=CORRECT_PHONE))
    listing = first_listing()
    assert listing.phone == CORRECT_PHONE and not listing.review_flags
    assert stamps(listing)["phone"] == {**stamps(listing)["phone"], "kind": "source", "edition": 2024}
    assert run.flagged_for_review == 0


def test_the_facility_page_dates_each_group_of_facts(empty_directory, tmp_path, client):
    import_directory(source=edition(tmp_path, 2023))
    page = client.get(first_listing().get_absolute_url()).content.decode()
    assert "Where these details come from" in page
    assert page.count("SAMHSA National Directory 2023") >= 4
