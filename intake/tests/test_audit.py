"""Every view, export, status change, note, share and erasure leaves an audit entry that cannot be changed."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from intake.choices import AuditAction, Status
from intake.models import AuditEntry

pytestmark = pytest.mark.django_db


def work_entries():
    """Entries about coverage requests, not the set-up of the staff accounts the fixtures make."""
    return AuditEntry.objects.exclude(detail__startswith="account ")


def test_viewing_a_request_is_audited_with_who_what_when_and_where(reviewer_client, reviewer, coverage_request):
    reviewer_client.get(reverse("intake_staff:detail", args=[coverage_request.public_id]), REMOTE_ADDR="192.0.2.7")
    entry = work_entries().get()
    assert entry.action == AuditAction.VIEW
    assert entry.actor == reviewer and entry.actor_username == reviewer.username
    assert entry.request_public_id == coverage_request.public_id
    assert entry.ip_address == "192.0.2.7"
    assert entry.at is not None


def test_each_change_and_export_is_audited(admin_staff_client, coverage_request):
    public_id = coverage_request.public_id
    admin_staff_client.post(reverse("intake_staff:status", args=[public_id]), {"status": Status.CONTACTED})
    admin_staff_client.post(reverse("intake_staff:note", args=[public_id]), {"text": "Called."})
    admin_staff_client.post(reverse("intake_staff:share", args=[public_id]))
    admin_staff_client.get(reverse("intake_staff:export"))
    admin_staff_client.post(reverse("intake_staff:erase", args=[public_id]))
    actions = list(work_entries().order_by("pk").values_list("action", flat=True))
    # Each POST redirects to the detail page, which is not followed here.
    assert actions == [AuditAction.STATUS, AuditAction.NOTE, AuditAction.SHARE, AuditAction.EXPORT, AuditAction.ERASE]
    assert AuditEntry.objects.get(action=AuditAction.STATUS).detail == "new -> contacted"


def test_a_listing_that_decrypts_nothing_writes_no_entry(reviewer_client, coverage_request):
    reviewer_client.get(reverse("intake_staff:list"))
    assert not work_entries().exists()


def test_the_purge_command_is_audited_as_the_system(coverage_request):
    call_command("purge_requests", "--request", str(coverage_request.public_id), stdout=open("/dev/null", "w"))  # noqa: SIM115
    entry = work_entries().get()
    assert entry.actor is None and entry.actor_username == "system" and entry.action == AuditAction.ERASE


def test_an_audit_entry_cannot_be_changed_or_deleted(reviewer_client, coverage_request):
    reviewer_client.get(reverse("intake_staff:detail", args=[coverage_request.public_id]))
    entry = work_entries().get()
    entry.detail = "tampered"
    with pytest.raises(PermissionError):
        entry.save()
    with pytest.raises(PermissionError):
        entry.delete()
    with pytest.raises(PermissionError):
        AuditEntry.objects.update(detail="tampered")
    with pytest.raises(PermissionError):
        AuditEntry.objects.all().delete()
    assert work_entries().get().detail == ""


def test_the_admin_shows_audit_entries_read_only(admin_staff_client, coverage_request):
    admin_staff_client.get(reverse("intake_staff:detail", args=[coverage_request.public_id]))
    entry = work_entries().get()
    assert admin_staff_client.get("/admin/intake/auditentry/").status_code == 200
    change_page = admin_staff_client.get(f"/admin/intake/auditentry/{entry.pk}/change/")
    assert change_page.status_code == 200 and b'name="_save"' not in change_page.content
    assert admin_staff_client.post(f"/admin/intake/auditentry/{entry.pk}/change/", {"detail": "x"}).status_code == 403
    assert admin_staff_client.post(f"/admin/intake/auditentry/{entry.pk}/delete/", {"post": "yes"}).status_code == 403
    assert admin_staff_client.get("/admin/intake/auditentry/add/").status_code == 403
    assert work_entries().get().detail == ""
