"""schema.org JSON-LD for a facility page, so search engines show the right phone and address."""

from __future__ import annotations

import json

from django.utils.safestring import SafeString, mark_safe

from directory.hsds_ids import service_id
from directory.models import CoordinatePrecision, Facility
from directory.phones import parse_phone

# The same escapes as Django's json_script: the JSON cannot close the <script>.
STREET_LEVEL = frozenset({CoordinatePrecision.SOURCE, CoordinatePrecision.STREET})
_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def facility_json_ld(facility: Facility, page_url: str) -> SafeString:
    data: dict[str, object] = {
        "@context": "https://schema.org",
        "@type": "MedicalClinic",
        "name": facility.display_name,
        "url": page_url,
        "address": {
            "@type": "PostalAddress",
            "streetAddress": ", ".join(part for part in (facility.street1, facility.street2) if part),
            "addressLocality": facility.city,
            "addressRegion": facility.state,
            "postalCode": facility.zip_code,
            "addressCountry": "US",
        },
        "medicalSpecialty": "Addiction medicine",
        # The listing's id in our open data (HSDS 3.0, /hsds/services/{id}), so others can join on it.
        "identifier": {
            "@type": "PropertyValue",
            "propertyID": "HSDS service id",
            "value": service_id(facility.public_id),
        },
    }
    if facility.coordinate_precision in STREET_LEVEL and facility.latitude is not None:
        # A ZIP code's or a city's center is not where the program is: search engines would pin it there.
        data["geo"] = {"@type": "GeoCoordinates", "latitude": facility.latitude, "longitude": facility.longitude}
    if facility.phone:
        data["telephone"] = parse_phone(facility.phone).display
    if facility.website:
        data["sameAs"] = facility.website
    return mark_safe(json.dumps(data).translate(_ESCAPES))  # noqa: S308 (escaped above, like json_script)  # nosec B308, B703
