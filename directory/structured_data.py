"""schema.org JSON-LD for a facility page, so search engines show the right phone and address."""

from __future__ import annotations

import json

from django.utils.safestring import SafeString, mark_safe

from directory.models import Facility
from directory.phones import parse_phone

# The same escapes as Django's json_script: the JSON cannot close the <script>.
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
        "geo": {"@type": "GeoCoordinates", "latitude": facility.latitude, "longitude": facility.longitude},
        "medicalSpecialty": "Addiction medicine",
    }
    if facility.phone:
        data["telephone"] = parse_phone(facility.phone).display
    if facility.website:
        data["sameAs"] = facility.website
    return mark_safe(json.dumps(data).translate(_ESCAPES))  # noqa: S308 (escaped above, like json_script)  # nosec B308, B703
