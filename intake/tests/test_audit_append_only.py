"""The audit log is append-only in the database itself: raw SQL cannot change or remove an entry; only the purge can."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.db import DatabaseError, connection, transaction
from django.utils import timezone

from intake.audit import audit_record
from intake.audit_retention import audit_entries_purge
from intake.choices import AuditAction
from intake.models import AuditEntry, AuditTally

pytestmark = pytest.mark.django_db


@pytest.fixture
def entry(reviewer):
    return audit_record(actor=reviewer, action=AuditAction.VIEW, ip_address="192.0.2.7", detail="")


def refused(sql: str, params: list[int] | None = None) -> bool:
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql, params)
    except DatabaseError:
        return True
    return False


def test_raw_sql_cannot_change_an_entry(entry):
    assert refused("UPDATE intake_auditentry SET detail = 'tampered' WHERE id = %s", [entry.pk])
    assert refused("UPDATE intake_auditentry SET ip_address = NULL")
    assert refused(
        "UPDATE intake_auditentry SET actor_id = NULL, actor_username = 'someone else' WHERE id = %s", [entry.pk]
    )
    entry_now = AuditEntry.objects.get(pk=entry.pk)
    assert (entry_now.detail, entry_now.ip_address, entry_now.actor_username) == ("", "192.0.2.7", "rita.reviewer")


def test_raw_sql_and_the_orms_raw_delete_cannot_remove_an_entry(entry):
    on_postgresql = connection.vendor == "postgresql"
    empty_the_table = "TRUNCATE intake_auditentry" if on_postgresql else "DELETE FROM intake_auditentry"
    assert refused("DELETE FROM intake_auditentry WHERE id = %s", [entry.pk])
    assert refused(empty_the_table)
    with pytest.raises(DatabaseError), transaction.atomic():
        everything = AuditEntry.objects.all()
        everything._raw_delete(everything.db)
    assert AuditEntry.objects.filter(pk=entry.pk).exists()


def test_deleting_a_staff_account_keeps_its_entries_under_its_name(entry, reviewer):
    reviewer.delete()
    kept = AuditEntry.objects.get(pk=entry.pk)
    assert kept.actor is None and kept.actor_username == "rita.reviewer" and kept.ip_address == "192.0.2.7"


def written_days_ago(days: int, action: str = AuditAction.VIEW) -> int:
    """An entry as if written `days` ago (a raw INSERT: the log takes new rows, and auto_now_add would set today)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO intake_auditentry (at, actor_username, action, ip_address, detail) "
            "VALUES (%s, %s, %s, %s, %s)",
            [timezone.now() - datetime.timedelta(days=days), "rita.reviewer", action, "192.0.2.7", ""],
        )
    return AuditEntry.objects.order_by("-pk").values_list("pk", flat=True)[0]


def test_the_retention_purge_removes_old_entries_and_leaves_a_count_per_month_and_action(reviewer):
    old = [written_days_ago(400) for _ in range(3)] + [written_days_ago(400, AuditAction.EXPORT)]
    recent = written_days_ago(10)
    result = audit_entries_purge(retention_days=365)
    assert result.purged == 4
    assert not AuditEntry.objects.filter(pk__in=old).exists()
    assert AuditEntry.objects.filter(pk=recent).exists()
    tallies = {(tally.action, tally.count) for tally in AuditTally.objects.all()}
    assert tallies == {(AuditAction.VIEW, 3), (AuditAction.EXPORT, 1)}
    assert all(tally.month.day == 1 for tally in AuditTally.objects.all())
    assert AuditEntry.objects.filter(action=AuditAction.PURGE, actor_username="system").exists()


def test_the_daily_purge_command_runs_the_audit_retention_too(settings):
    settings.AUDIT_RETENTION_DAYS = 30
    old, recent = written_days_ago(31), written_days_ago(29)
    out = io.StringIO()
    call_command("purge_requests", stdout=out)
    assert "Removed 1 audit entries" in out.getvalue()
    assert not AuditEntry.objects.filter(pk=old).exists() and AuditEntry.objects.filter(pk=recent).exists()


def test_after_a_purge_the_log_is_append_only_again(entry):
    audit_entries_purge(retention_days=0)
    left = audit_record(actor=None, action=AuditAction.VIEW)
    assert refused("DELETE FROM intake_auditentry WHERE id = %s", [left.pk])
