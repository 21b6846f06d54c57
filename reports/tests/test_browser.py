"""In English and Spanish, in a browser: a visitor reports a wrong phone, a reviewer accepts it; pages axe-clean."""

import pytest
from django.conf import settings
from playwright.sync_api import Browser, expect

from directory.models import Facility
from intake.roles import REVIEWER
from intake.tests.conftest import signed_in_with_both_factors, staff_member
from reports.models import ProblemReport

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("seeded_transactional_db")]

WORDS = {
    "en": {"send": "Send the report", "error": "Choose what is wrong", "thanks": "Thank you for your report",
           "phone": "The phone number is wrong", "value": "The correct details", "queue": "Listing reports",
           "review": "Review report", "accept": "Accept and correct the listing",
           "corrected": "Corrected after a report, reviewed on"},
    "es": {"send": "Enviar el reporte", "error": "Elija qué está mal", "thanks": "Gracias por su reporte",
           "phone": "El número de teléfono está mal", "value": "Los datos correctos", "queue": "Reportes de fichas",
           "review": "Revisar el reporte", "accept": "Aceptar y corregir la ficha",
           "corrected": "Corregido tras un reporte, revisado el"},
}  # fmt: skip


def test_a_visitor_reports_a_wrong_phone_and_a_reviewer_corrects_it_in_both_languages(
    browser: Browser, live_server, axe_violations
):
    listings = Facility.objects.filter(published=True).exclude(phone="").order_by("pk")[:2]
    reviewer = staff_member("rita.reviewer", REVIEWER)
    staff_session = signed_in_with_both_factors(reviewer).cookies[settings.SESSION_COOKIE_NAME].value
    for (language, words), facility, phone in zip(
        WORDS.items(), listings, ["713-555-0123", "713-555-0124"], strict=True
    ):
        context = browser.new_context(locale=language, extra_http_headers={"Accept-Language": language})
        page = context.new_page()
        page.goto(live_server.url + facility.get_absolute_url())
        page.locator(f'a[href="/facility/{facility.public_id}/report/"]').click()
        expect(page.locator("h1")).to_be_visible()
        assert axe_violations(page) == [], language

        page.get_by_role("button", name=words["send"]).click()
        expect(page.get_by_role("alert")).to_contain_text(words["error"])
        assert axe_violations(page) == [], language
        page.get_by_role("alert").get_by_role("link").first.click()
        expect(page.locator("#id_kind_0")).to_be_focused()

        page.get_by_label(words["phone"]).check()
        page.get_by_label(words["value"]).fill(phone)
        page.get_by_role("button", name=words["send"]).click()
        expect(page.get_by_role("heading", level=1)).to_have_text(words["thanks"])
        assert axe_violations(page) == [], language
        report = ProblemReport.objects.get(facility=facility)

        context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": staff_session, "url": live_server.url}])
        page.goto(live_server.url + "/staff/reports/")
        expect(page.get_by_role("heading", level=1)).to_have_text(words["queue"])
        assert axe_violations(page) == [], language
        page.get_by_role("link", name=f"{words['review']} {str(report.public_id)[:8]}").click()
        expect(page.locator("#id_accept-phone")).to_have_value(phone)
        assert axe_violations(page) == [], language
        page.get_by_role("button", name=words["accept"]).click()
        expect(page.get_by_role("status")).to_be_visible()

        page.goto(live_server.url + facility.get_absolute_url())
        expect(page.locator(".provenance")).to_contain_text(words["corrected"])
        context.close()
