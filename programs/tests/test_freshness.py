import time
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from django.test import override_settings

from directory.freshness import months_before, newest_confirmation, out_of_date
from programs import freshness
from programs.freshness import openings_fresh


def test_an_answer_about_openings_is_fresh_for_30_days_only():
    said = date(2026, 1, 31)
    assert openings_fresh(said, date(2026, 3, 2))  # 30 days later
    assert not openings_fresh(said, date(2026, 3, 3))
    assert not openings_fresh(None, said)


def test_months_before_keeps_to_the_end_of_a_shorter_month():
    assert months_before(date(2026, 8, 31), 18) == date(2025, 2, 28)
    assert months_before(date(2026, 6, 15), 18) == date(2024, 12, 15)


def test_the_newest_confirmation_of_any_kind_counts():
    provenance = {
        "name": {"kind": "source", "confirmed": "2024-01-02"},
        "phone": {"kind": "correction", "confirmed": "2024-05-01"},
    }
    stamps = {"schedule": {"kind": "program", "at": "2025-03-04T10:00:00+00:00"}}
    assert newest_confirmation(provenance, None) == date(2024, 5, 1)
    assert newest_confirmation(provenance, stamps) == date(2025, 3, 4)
    assert newest_confirmation('{"name": {"confirmed": "2024-01-02"}}', "{}") == date(2024, 1, 2)
    assert newest_confirmation(None, None) is None


def test_out_of_date_at_18_months_and_not_at_17():
    today = date(2026, 12, 1)
    assert out_of_date(date(2025, 5, 30), today)
    assert not out_of_date(date(2025, 6, 1), today)
    assert not out_of_date(date(2025, 7, 1), today)
    assert not out_of_date(None, today)


@override_settings(TIME_ZONE="America/New_York")
def test_today_is_the_sites_day_hour_by_hour_across_clock_changes_and_back_in_time(monkeypatch):
    # today() keeps the day until the zone's midnight; a clock change makes that day 23 or 25 hours long.
    zone = ZoneInfo("America/New_York")
    moments = [
        start + timedelta(minutes=minutes)
        for start in (datetime(2026, 3, 7, tzinfo=UTC), datetime(2026, 10, 31, tzinfo=UTC))
        for minutes in range(0, 3 * 24 * 60, 20)
    ]
    days = set()
    for moment in [*moments, *reversed(moments)]:  # forward, then back again
        monkeypatch.setattr(time, "time", moment.timestamp)
        assert freshness.today() == moment.astimezone(zone).date(), moment
        days.add(freshness.today())
    assert len(days) == 8  # both weekends, each day met
    with override_settings(TIME_ZONE="Pacific/Kiritimati"):  # UTC+14: a day ahead of New York at times
        monkeypatch.setattr(time, "time", datetime(2026, 3, 7, 12, tzinfo=UTC).timestamp)
        assert freshness.today() == date(2026, 3, 8)
