"""The review queue: accept (for each kind), reject, merge duplicates; replies, erasure and the audit log."""

import pytest
from django.core import mail

from directory.facility_facts import offered_codes
from directory.models import Facility
from intake.models import AuditEntry
from reports.models import Kind, ProblemReport, Status
from reports.services import ReportNotOpen, problem_report_accept, problem_report_reject

pytestmark = pytest.mark.django_db


def accept(client, report, **data: str):
    return client.post(f"/staff/reports/{report.public_id}/accept/", {f"accept-{k}": v for k, v in data.items()})


def audit_details(report: ProblemReport) -> list[str]:
    return list(AuditEntry.objects.filter(request_public_id=report.public_id).values_list("detail", flat=True))


def test_the_queue_lists_open_reports_and_not_decided_ones(reviewer_client, make_report, facility):
    waiting = make_report(Kind.CLOSED)
    decided = make_report(Kind.PHONE)
    ProblemReport.objects.filter(pk=decided.pk).update(status=Status.REJECTED)
    page = reviewer_client.get("/staff/reports/").content.decode()
    assert str(waiting.public_id)[:8] in page and str(decided.public_id)[:8] not in page
    assert facility.name in page and "The program has closed" in page


def test_the_report_page_shows_the_report_and_the_listing_but_never_the_reporters_address(
    reviewer_client, make_report, facility
):
    report = make_report(Kind.PHONE, value="713-555-0123", email="reporter@example.com")
    page = reviewer_client.get(f"/staff/reports/{report.public_id}/").content.decode()
    assert "713-555-0123" in page and facility.phone in page
    assert "reporter@example.com" not in page
    assert 'value="713-555-0123"' in page  # the accept form is prefilled from the report


def test_accepting_a_phone_report_corrects_the_page_with_its_provenance(reviewer_client, client, make_report, facility):
    report = make_report(Kind.PHONE, value="713-555-0123")
    response = accept(reviewer_client, report, phone="(713) 555-0123", outcome="Called the program")
    assert response.status_code == 302
    listing = Facility.objects.get(pk=facility.pk)
    assert listing.phone == "713-555-0123"
    stamp = (listing.provenance or {})["phone"]
    assert stamp["kind"] == "correction" and stamp["after"] == "report" and stamp["by"] == "rita.reviewer"
    report.refresh_from_db()
    assert (report.status, report.outcome, report.reviewed_by.username) == (
        Status.ACCEPTED,
        "Called the program",
        "rita.reviewer",
    )
    page = client.get(facility.get_absolute_url()).content.decode()
    assert "(713) 555-0123" in page
    assert "Corrected after a report, reviewed on" in page
    spanish = client.get(facility.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="es").content.decode()
    assert "Corregido tras un reporte, revisado el" in spanish


def test_it_refuses_a_phone_that_is_no_phone_number_and_changes_nothing(reviewer_client, make_report, facility):
    report = make_report(Kind.PHONE)
    response = accept(reviewer_client, report, phone="555")
    assert response.status_code == 400
    assert "Enter the phone number with its area code" in response.content.decode()
    assert Facility.objects.get(pk=facility.pk).phone == facility.phone
    assert ProblemReport.objects.get(pk=report.pk).status == Status.OPEN


def test_accepting_an_address_report_takes_the_address_the_reviewer_confirms(
    reviewer_client, client, make_report, facility
):
    report = make_report(Kind.ADDRESS, value="100 Corrected Avenue")
    page = reviewer_client.get(f"/staff/reports/{report.public_id}/").content.decode()
    assert 'value="100 Corrected Avenue"' in page and f'value="{facility.zip_code}"' in page
    response = accept(
        reviewer_client,
        report,
        street1="100 Corrected Avenue",
        street2="",
        city=facility.city,
        zip_code=facility.zip_code,
    )
    assert response.status_code == 302
    listing = Facility.objects.get(pk=facility.pk)
    assert listing.street1 == "100 Corrected Avenue"
    assert (listing.provenance or {})["street1"]["after"] == "report"
    assert listing.coordinate_precision in ("zip", "city", "unknown")  # the old street position no longer holds
    assert "100 Corrected Avenue" in client.get(facility.get_absolute_url()).content.decode()


def test_an_address_needs_a_real_zip_code(reviewer_client, make_report, facility):
    report = make_report(Kind.ADDRESS)
    response = accept(reviewer_client, report, street1="1 Main St", city="Houston", zip_code="ABCDE")
    assert response.status_code == 400 and "Enter a five-digit ZIP code." in response.content.decode()


def test_accepting_a_closed_report_unpublishes_the_listing(reviewer_client, client, make_report, facility):
    report = make_report(Kind.CLOSED)
    assert accept(reviewer_client, report).status_code == 302
    listing = Facility.objects.get(pk=facility.pk)
    assert not listing.published
    assert (listing.provenance or {})["closed"]["after"] == "report"
    assert client.get(facility.get_absolute_url()).status_code == 410


def test_accepting_a_no_iop_report_removes_iop_from_the_listings_services(
    reviewer_client, client, make_report, facility
):
    assert "OIT" in offered_codes(facility)
    report = make_report(Kind.NO_IOP)
    assert accept(reviewer_client, report).status_code == 302
    listing = Facility.objects.get(pk=facility.pk)
    assert "OIT" not in offered_codes(listing)
    assert offered_codes(listing) == offered_codes(facility) - {"OIT"}
    assert (listing.provenance or {})["services"]["after"] == "report"
    page = client.get(facility.get_absolute_url()).content.decode()
    assert "Corrected after a report, reviewed on" in page


@pytest.mark.parametrize("kind", [Kind.PAYMENT, Kind.OTHER])
def test_a_payment_or_other_report_is_accepted_only_with_what_the_reviewer_did(
    reviewer_client, make_report, facility, kind
):
    report = make_report(kind, value="They take Medicaid now")
    refused = accept(reviewer_client, report)
    assert refused.status_code == 400
    assert "Say what you changed, or that nothing changed." in refused.content.decode()
    assert accept(reviewer_client, report, outcome="Added Medicaid in the admin").status_code == 302
    report.refresh_from_db()
    assert report.status == Status.ACCEPTED and report.outcome == "Added Medicaid in the admin"
    listing = Facility.objects.get(pk=facility.pk)
    assert listing.provenance == facility.provenance  # nothing changed through the report itself


def test_rejecting_leaves_the_listing_as_it_was(reviewer_client, make_report, facility):
    report = make_report(Kind.PHONE, value="713-555-0123")
    response = reviewer_client.post(f"/staff/reports/{report.public_id}/reject/", {"reject-outcome": "Number works"})
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == Status.REJECTED and report.outcome == "Number works"
    assert Facility.objects.get(pk=facility.pk).phone == facility.phone


def test_a_decided_report_cannot_be_decided_again(reviewer_client, make_report):
    report = make_report(Kind.CLOSED)
    reviewer_client.post(f"/staff/reports/{report.public_id}/reject/", {})
    assert accept(reviewer_client, report).status_code == 404


def test_the_reporter_gets_a_reply_naming_only_the_listing_and_the_outcome_and_the_address_is_erased(
    reviewer_client, make_report, facility
):
    report = make_report(Kind.PHONE, value="713-555-0123", email="reporter@example.com")
    accept(reviewer_client, report, phone="713-555-0123")
    assert len(mail.outbox) == 1
    sent = mail.outbox[0]
    assert sent.to == ["reporter@example.com"]
    assert facility.display_name in sent.subject
    assert "corrected the listing" in sent.body and "713-555-0123" not in sent.body
    report.refresh_from_db()
    assert report.email == "" and report.replied_at is not None and report.reporter_key == ""
    assert "reply sent, e-mail erased" in audit_details(report)


def test_a_rejected_reporter_hears_so_in_the_language_they_used(reviewer_client, make_report, facility):
    report = make_report(Kind.CLOSED, email="reportero@example.com")
    ProblemReport.objects.filter(pk=report.pk).update(language="es")
    reviewer_client.post(f"/staff/reports/{report.public_id}/reject/", {})
    assert "dejamos la ficha como estaba" in mail.outbox[0].body
    assert ProblemReport.objects.get(pk=report.pk).email == ""


def test_no_reply_goes_to_a_reporter_who_left_no_address(reviewer_client, make_report):
    report = make_report(Kind.CLOSED)
    reviewer_client.post(f"/staff/reports/{report.public_id}/reject/", {})
    assert mail.outbox == []


def test_merging_a_duplicate_decides_it_with_the_report_it_joins_and_replies_to_both(
    reviewer_client, make_report, facility
):
    first = make_report(Kind.CLOSED, email="first@example.com", address="203.0.113.1")
    second = make_report(Kind.CLOSED, email="second@example.com", address="203.0.113.2")
    page = reviewer_client.get(f"/staff/reports/{second.public_id}/").content.decode()
    assert "Merge a duplicate" in page
    response = reviewer_client.post(f"/staff/reports/{second.public_id}/merge/", {"merge-into": str(first.public_id)})
    assert response.status_code == 302
    second.refresh_from_db()
    assert second.status == Status.MERGED and second.merged_into == first
    queue = reviewer_client.get("/staff/reports/").content.decode()
    assert str(second.public_id)[:8] not in queue and str(first.public_id)[:8] in queue
    accept(reviewer_client, first)
    assert sorted(message.to[0] for message in mail.outbox) == ["first@example.com", "second@example.com"]
    assert all(not report.email for report in ProblemReport.objects.all())
    assert f"problem report merged into {first.public_id}" in audit_details(second)


def test_a_report_merges_only_into_another_open_report_about_the_same_listing(reviewer_client, make_report):
    report = make_report(Kind.CLOSED)
    response = reviewer_client.post(f"/staff/reports/{report.public_id}/merge/", {"merge-into": str(report.public_id)})
    assert response.status_code == 400
    assert "Choose another open report about this listing." in response.content.decode()


def test_every_decision_and_every_listing_change_is_in_the_audit_log(reviewer_client, make_report, facility):
    accepted = make_report(Kind.PHONE, address="203.0.113.1")
    rejected = make_report(Kind.CLOSED, address="203.0.113.2")
    accept(reviewer_client, accepted, phone="713-555-0123")
    reviewer_client.post(f"/staff/reports/{rejected.public_id}/reject/", {})
    assert f"listing {facility.public_id} corrected after a report: phone" in audit_details(accepted)
    assert f"problem report accepted (phone), listing {facility.public_id}" in audit_details(accepted)
    assert f"problem report rejected (closed), listing {facility.public_id}" in audit_details(rejected)
    entries = AuditEntry.objects.filter(request_public_id__in=[accepted.public_id, rejected.public_id])
    assert {entry.actor_username for entry in entries} == {"rita.reviewer"}
    assert {entry.action for entry in entries} == {"listing", "review"}


def test_two_reviewers_never_both_decide_one_report(make_report, reviewer, admin_user):
    report = make_report(Kind.CLOSED, email="once@example.com")
    stale = ProblemReport.objects.get(pk=report.pk)  # as a second reviewer's page loaded it
    problem_report_reject(report=report, reviewer=reviewer, outcome="", ip_address=None)
    with pytest.raises(ReportNotOpen):
        problem_report_accept(report=stale, reviewer=admin_user, values={}, outcome="", ip_address=None)
    assert Facility.objects.get(pk=report.facility_id).published
    assert len(mail.outbox) == 1
