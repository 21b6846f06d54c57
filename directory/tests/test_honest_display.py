"""Pages say no more than the directory knows: distances, positions, phone lines, look-alike listings."""

import json
import re
from collections import defaultdict

import pytest

from directory.models import CoordinatePrecision, Facility
from directory.phones import parse_phone

pytestmark = pytest.mark.django_db


def cards(body: str) -> list[str]:
    return body.split('<li class="hit"')[1:]


@pytest.mark.parametrize("zip_code", ["77002", "10001", "60614", "98101", "33101"])
def test_distances_from_a_zip_code_center_are_about_whole_miles(client, zip_code):
    response = client.get("/search/", {"where": zip_code, "radius": 50})
    hits = response.context["result"].hits
    assert hits
    for hit, card in zip(hits, cards(response.content.decode()), strict=True):
        if hit.facility.zip_code[:5] == zip_code:
            assert "In your ZIP code area" in card
        else:
            miles = max(1, round(hit.distance_miles))
            assert f"About {miles} mile{'s' if miles != 1 else ''} away" in card, card
        assert not re.search(r"\d\.\d miles away", card)


def test_distances_between_exact_positions_are_given_to_a_tenth(client):
    near = Facility.objects.filter(published=True, zip_code="77002").values_list("pk", flat=True)
    Facility.objects.filter(pk__in=list(near)).update(coordinate_precision=CoordinatePrecision.STREET)
    response = client.get("/search/", {"where": "29.76, -95.36", "radius": 5})
    hits = response.context["result"].hits
    exact = [(hit, card) for hit, card in zip(hits, cards(response.content.decode()), strict=True)]
    assert any(hit.facility.pk in set(near) for hit, _ in exact)
    for hit, card in exact:
        if hit.facility.pk in set(near):
            assert f"{hit.distance_miles:.1f} miles away" in card
        else:
            assert "About " in card


def json_ld(client, facility) -> dict:
    body = client.get(facility.get_absolute_url()).content.decode()
    block = re.search(r'<script type="application/ld\+json"[^>]*>(.*?)</script>', body, re.S)
    assert block is not None
    return json.loads(block.group(1))


def test_json_ld_gives_a_position_only_when_it_is_the_programs_own(client):
    facilities = list(Facility.objects.filter(published=True).order_by("pk")[::2000])
    assert all(f.coordinate_precision == CoordinatePrecision.ZIP for f in facilities)
    for facility in facilities:
        assert "geo" not in json_ld(client, facility)
    street = facilities[0]
    Facility.objects.filter(pk=street.pk).update(coordinate_precision=CoordinatePrecision.STREET)
    assert json_ld(client, street)["geo"]["latitude"] == street.latitude


def every_listed_number() -> list[tuple[Facility, str]]:
    return [
        (facility, raw)
        for facility in Facility.objects.filter(published=True).only("phone", "intake_phones", "hotline", "public_id")
        for raw in (facility.phone, *facility.intake_phones, facility.hotline)
        if raw
    ]


def test_no_number_of_the_directory_shows_or_dials_extension_zero():
    numbers = every_listed_number()
    zeros = [raw for _, raw in numbers if re.search(r"x\s*0+\s*$", raw)]
    assert len(zeros) > 50  # the directory has them
    for _, raw in numbers:
        phone = parse_phone(raw)
        assert not re.search(r"ext\. 0+$", phone.display) and not re.search(r";ext=0+$", phone.tel), raw
        assert not phone.extension or phone.extension.strip("0"), raw


def test_a_line_listed_in_digits_and_in_letters_is_shown_once(client):
    by_facility = defaultdict(list)
    for facility, raw in every_listed_number():
        by_facility[facility.pk].append(raw)
    twice = [
        pk
        for pk, raws in by_facility.items()
        if len({parse_phone(r).tel for r in raws if parse_phone(r).tel}) < len([r for r in raws if parse_phone(r).tel])
        and any(re.search("[A-Za-z]{3}", r) for r in raws)
    ]
    assert len(twice) >= 10
    for facility in Facility.objects.filter(pk__in=twice):
        body = client.get(facility.get_absolute_url()).content.decode()
        tels = re.findall(r'class="call" href="([^"]+)"', body)
        assert len(tels) == len(set(tels)), (facility.public_id, tels)


def test_a_po_box_address_gets_no_directions_link(client):
    boxes = Facility.objects.filter(published=True, street1__iregex=r"^\s*p\.?\s*o\.?\s*box")
    assert boxes.exists()
    for facility in boxes:
        body = client.get(facility.get_absolute_url()).content.decode()
        assert "Directions</a>" not in body, facility.public_id
    street = Facility.objects.filter(published=True, street1__regex=r"^[0-9]").first()
    assert street is not None
    assert "Directions</a>" in client.get(street.get_absolute_url()).content.decode()


def twin_groups() -> list[list[Facility]]:
    groups = defaultdict(list)
    for facility in Facility.objects.filter(published=True):
        groups[(facility.name, facility.program_name, facility.street1, facility.street2, facility.zip_code)].append(
            facility
        )
    return [group for group in groups.values() if len(group) > 1]


def test_listings_sharing_name_and_address_have_different_titles_and_cards(client):
    groups = twin_groups()
    assert groups
    for group in groups:
        titles = set()
        for facility in group:
            body = client.get(facility.get_absolute_url()).content.decode()
            title = re.search(r"<title>(.*?)</title>", body, re.S)
            assert title is not None
            titles.add(title.group(1).strip())
        assert len(titles) == len(group), titles
        page = client.get("/search/", {"where": group[0].zip_code[:5], "radius": 5, "name": group[0].name, "care": ""})
        twins = re.findall(r'<p class="twin">(.*?)</p>', page.content.decode())
        assert len(twins) == len(group) and len(set(twins)) == len(group), twins
