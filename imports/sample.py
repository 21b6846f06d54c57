"""A small generated directory for when the real one cannot be fetched.

Every listing is named as sample data so nobody mistakes it for a program
that exists; the site shows a banner while any of them is published. It is
written as a National Directory workbook and imported through the same
importer as the real file.
"""

from __future__ import annotations

import random
from pathlib import Path

from openpyxl import Workbook

from directory.models import Place

# A slice of the SAMHSA legend, enough for every search filter to find something.
SAMPLE_LEGEND = [
    ("TC", "Type of Care", "SA", "Substance use treatment"),
    ("SET", "Service Setting", "OIT", "Intensive outpatient treatment"),
    ("SET", "Service Setting", "ORT", "Regular outpatient treatment"),
    ("SET", "Service Setting", "ODT", "Outpatient day treatment or partial hospitalization"),
    ("SET", "Service Setting", "OD", "Outpatient detoxification"),
    ("SET", "Service Setting", "RES", "Residential/24-hour residential"),
    ("SET", "Service Setting", "HI", "Hospital inpatient/24-hour hospital inpatient"),
    ("SET", "Service Setting", "TELE", "Telemedicine/telehealth therapy"),
    ("TC", "Type of Care", "HH", "Transitional housing, halfway house, or sober home"),
    ("OT", "Type of Opioid Treatment", "OTP", "SAMHSA-certified Opioid Treatment Program"),
    ("OM", "Opioid Medications used in Treatment", "BU", "Buprenorphine used in Treatment"),
    ("OM", "Opioid Medications used in Treatment", "MU", "Methadone used in Treatment"),
    ("OM", "Opioid Medications used in Treatment", "NU", "Naltrexone used in Treatment"),
    ("TAP", "Treatment Approaches", "CBT", "Cognitive behavioral therapy"),
    ("TAP", "Treatment Approaches", "MOTI", "Motivational interviewing"),
    ("TAP", "Treatment Approaches", "TRC", "Trauma-related counseling"),
    ("TAP", "Treatment Approaches", "RELP", "Relapse prevention"),
    ("PAY", "Payment/Insurance/Funding Accepted", "PI", "Private health insurance"),
    ("PAY", "Payment/Insurance/Funding Accepted", "MD", "Medicaid"),
    ("PAY", "Payment/Insurance/Funding Accepted", "MC", "Medicare"),
    ("PAY", "Payment/Insurance/Funding Accepted", "MI", "Federal military insurance (e.g., TRICARE)"),
    ("PAY", "Payment/Insurance/Funding Accepted", "SI", "State-financed health insurance plan other than Medicaid"),
    ("PAY", "Payment/Insurance/Funding Accepted", "SF", "Cash or self-payment"),
    ("PAY", "Payment/Insurance/Funding Accepted", "NP", "No payment accepted"),
    ("PYAS", "Payment Assistance Available", "SS", "Sliding fee scale"),
    ("PYAS", "Payment Assistance Available", "PA", "Payment assistance"),
    ("SG", "Special Programs/Groups Offered", "CJ", "Clients referred from the court/judicial system"),
    ("SG", "Special Programs/Groups Offered", "VET", "Veterans"),
    ("SG", "Special Programs/Groups Offered", "WN", "Adult women"),
    ("SG", "Special Programs/Groups Offered", "MN", "Adult men"),
    ("SG", "Special Programs/Groups Offered", "PW", "Pregnant/postpartum women"),
    (
        "SG",
        "Special Programs/Groups Offered",
        "GL",
        "Lesbian, gay, bisexual, transgender, or queer/questioning (LGBTQ)",
    ),
    ("AGE", "Age Groups Accepted", "ADLT", "Adults"),
    ("AGE", "Age Groups Accepted", "YAD", "Young adults"),
    ("AGE", "Age Groups Accepted", "ADOL", "Adolescents"),
    ("SL", "Language Services", "SP", "Spanish"),
    ("SL", "Language Services", "AH", "Services for the deaf and hard of hearing"),
    ("AS", "Ancillary Services", "CM", "Case management service"),
]
SAMPLE_ZIPS = [
    "10001", "60614", "77002", "90012", "85004", "19103", "78205", "92101", "75201", "95113",
    "30303", "98104", "80202", "02108", "37203", "48226", "97204", "89101", "73102", "87102",
    "59601", "82001", "58501", "05602", "04330", "99501", "96813", "71601", "39201", "25301",
]  # fmt: skip


def write_sample_workbook(target: Path, *, listings: int = 240, seed: int = 2023) -> Path:
    chooser = random.Random(seed)  # noqa: S311 (sample data, not security)
    places = Place.objects.in_bulk(SAMPLE_ZIPS)
    codes = [code for _, _, code, _ in SAMPLE_LEGEND]
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Facilities List"
    sheet.append(["Name1", "Name2", "Street1", "Street2", "City", "State", "Zip", "Phone",
                  "Intake1", "Intake2", "Intake1a", "Intake2a", "Service_code_info"])  # fmt: skip
    for number in range(1, listings + 1):
        place = places[SAMPLE_ZIPS[number % len(SAMPLE_ZIPS)]]
        offered = ["SA", *sorted(chooser.sample(codes[1:], chooser.randint(6, 18)))]
        if number % 2:
            offered.append("OIT")
        sheet.append([
            f"Sample listing {number} (sample data, not a real program)", "Sample data",
            f"{100 + number} Example Street", None,
            place.city.title(), place.state, place.zip_code, f"555-01{number % 100:02d}",
            None, None, None, None, " ".join(dict.fromkeys(offered)),
        ])  # fmt: skip
    legend = book.create_sheet("Service Code Reference")
    legend.append(["category_code", "category_name", "service_code", "service_name", "service_description"])
    for category_code, category_name, code, name in SAMPLE_LEGEND:
        legend.append([category_code, category_name, code, name, ""])
    book.save(target)
    return target
