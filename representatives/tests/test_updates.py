"""A representative changes the schedule: the first change waits for review, later ones show at once."""

import re

import pytest
from django.urls import reverse

from programs.models import ProgramFacts, StampKind
from representatives.models import ProgramUpdate, UpdateStatus
from representatives.selectors import facts_now

pytestmark = pytest.mark.django_db


def edit_url(facility) -> str:
    return reverse("representatives:listing_edit", args=[facility.public_id])


def review_url(update) -> str:
    return reverse("representatives_staff:review", args=[update.public_id])


def schedule(**changes) -> dict:
    """The edit form as a representative fills it: an evening IOP three days a week."""
    data = {
        "iop_days": ["mon", "wed", "thu"],
        "hours_per_week": "9",
        "day_track": "no",
        "evening_track": "yes",
        "weekend_track": "",
        "typical_weeks": "8",
        "openings": "waiting-list",
        "waiting_list_weeks": "2",
        "intake_phone": "",
        "website": "",
        "virtual_iop": "",
        "languages": "English, Spanish",
        "insurance_plans": "",
    }
    return {**data, **changes}


def shown(facility) -> dict:
    values, _stamps = facts_now(facility)
    return values


def test_the_first_change_waits_for_review_and_shows_once_accepted(
    representative_client, reviewer_client, facility, reviewer
):
    response = representative_client.post(edit_url(facility), schedule())
    assert response.status_code == 302
    page = representative_client.get(response["Location"]).content.decode()
    assert "yours wait for review" in page
    update = ProgramUpdate.objects.get()
    assert update.status == UpdateStatus.WAITING
    assert shown(facility)["evening_track"] is None and shown(facility)["iop_days"] == []

    reviewer_client.post(review_url(update), {"decision": "accept"})
    update.refresh_from_db()
    assert update.status == UpdateStatus.ACCEPTED and update.reviewed_by == reviewer and update.reviewed_at
    facts = ProgramFacts.objects.get(facility=facility)
    assert facts.iop_days == ["mon", "wed", "thu"] and facts.hours_per_week == 9
    assert facts.evening_track is True and facts.day_track is False and facts.weekend_track is None
    assert facts.openings == "waiting-list" and facts.waiting_list_weeks == 2
    assert facts.languages == ["English", "Spanish"]
    assert facts.stamps["schedule"] == {"kind": StampKind.PROGRAM, "at": update.submitted_at.isoformat()}


def test_after_one_accepted_change_the_next_shows_at_once_and_stays_reviewable(
    representative_client, reviewer_client, facility
):
    representative_client.post(edit_url(facility), schedule())
    reviewer_client.post(review_url(ProgramUpdate.objects.get()), {"decision": "accept"})

    response = representative_client.post(edit_url(facility), schedule(iop_days=["tue", "thu"], hours_per_week="12"))
    page = representative_client.get(response["Location"]).content.decode()
    assert "Your changes show on the listing now." in page
    second = ProgramUpdate.objects.order_by("-submitted_at")[0]
    assert second.status == UpdateStatus.SHOWN
    assert second.changes == {"iop_days": ["tue", "thu"], "hours_per_week": 12}
    assert shown(facility)["iop_days"] == ["tue", "thu"] and shown(facility)["hours_per_week"] == 12
    queue = reviewer_client.get(reverse("representatives_staff:updates")).content.decode()
    assert str(second.public_id)[:8] in queue


def test_rejecting_a_shown_change_puts_back_the_values_and_dates_before_it(
    representative_client, reviewer_client, facility
):
    representative_client.post(edit_url(facility), schedule())
    first = ProgramUpdate.objects.get()
    reviewer_client.post(review_url(first), {"decision": "accept"})
    stamps_before = dict(ProgramFacts.objects.get(facility=facility).stamps)
    representative_client.post(
        edit_url(facility), schedule(hours_per_week="30", openings="not-now", website="https://program.example/iop")
    )
    second = ProgramUpdate.objects.get(status=UpdateStatus.SHOWN)
    assert shown(facility)["hours_per_week"] == 30 and shown(facility)["website"] == "https://program.example/iop"

    response = reviewer_client.post(review_url(second), {"decision": "reject"})
    assert response.status_code == 302
    second.refresh_from_db()
    assert second.status == UpdateStatus.REJECTED
    facts = ProgramFacts.objects.get(facility=facility)
    assert facts.hours_per_week == 9 and facts.openings == "waiting-list" and facts.waiting_list_weeks == 2
    assert facts.website == ""
    # The dates are those of what is shown again; a group never said before has no date again.
    assert facts.stamps == stamps_before
    assert "contact" not in facts.stamps


def test_rejecting_an_older_shown_change_keeps_what_a_later_one_changed(
    representative_client, reviewer_client, facility
):
    representative_client.post(edit_url(facility), schedule())
    reviewer_client.post(review_url(ProgramUpdate.objects.get()), {"decision": "accept"})
    representative_client.post(edit_url(facility), schedule(hours_per_week="12", typical_weeks="10"))
    older = ProgramUpdate.objects.get(status=UpdateStatus.SHOWN)
    representative_client.post(edit_url(facility), schedule(hours_per_week="15", typical_weeks="10"))

    reviewer_client.post(review_url(older), {"decision": "reject"})
    assert shown(facility)["hours_per_week"] == 15  # changed again since: the later value stays
    assert shown(facility)["typical_weeks"] == 8  # only the rejected change set it: put back


def test_rejecting_a_waiting_change_changes_nothing_shown(representative_client, reviewer_client, facility):
    representative_client.post(edit_url(facility), schedule())
    update = ProgramUpdate.objects.get()
    reviewer_client.post(review_url(update), {"decision": "reject"})
    update.refresh_from_db()
    assert update.status == UpdateStatus.REJECTED
    assert not ProgramFacts.objects.filter(facility=facility).exists()
    # Nothing was accepted yet, so the next change waits too.
    representative_client.post(edit_url(facility), schedule(hours_per_week="10"))
    assert ProgramUpdate.objects.filter(status=UpdateStatus.WAITING).count() == 1


def test_a_reviewed_update_cannot_be_reviewed_again(representative_client, reviewer_client, facility):
    representative_client.post(edit_url(facility), schedule())
    update = ProgramUpdate.objects.get()
    reviewer_client.post(review_url(update), {"decision": "accept"})
    reviewer_client.post(review_url(update), {"decision": "reject"})
    update.refresh_from_db()
    assert update.status == UpdateStatus.ACCEPTED and shown(facility)["hours_per_week"] == 9


def test_the_form_starts_from_what_is_waiting_and_an_unchanged_form_sends_nothing(representative_client, facility):
    representative_client.post(edit_url(facility), schedule())
    page = representative_client.get(edit_url(facility)).content.decode()
    assert re.search(r'<input[^>]*name="iop_days" value="wed"[^>]*checked', page)
    assert not re.search(r'<input[^>]*name="iop_days" value="tue"[^>]*checked', page)
    assert "waiting for review" in page
    response = representative_client.post(edit_url(facility), schedule())
    assert "Nothing had changed" in representative_client.get(response["Location"]).content.decode()
    assert ProgramUpdate.objects.count() == 1


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"website": "ftp://program.example/"}, "Enter a web address starting with https:// or http://."),
        ({"website": "javascript:alert(1)"}, "Enter a web address starting with https:// or http://."),
        ({"intake_phone": "555"}, "Enter a phone number with its area code"),
        ({"waiting_list_weeks": ""}, "Say about how many weeks the waiting list is."),
        ({"hours_per_week": "0"}, "Enter a number of at least 1."),
        ({"typical_weeks": "100"}, "Enter a number of at most 52."),
        ({"iop_days": ["mon", "someday"]}, "Select a valid choice."),
        ({"languages": ", ".join(f"Language {n}" for n in range(13))}, "List at most 12"),
    ],
)
def test_it_rejects_bad_answers_with_a_clear_message(representative_client, facility, changes, message):
    response = representative_client.post(edit_url(facility), schedule(**changes))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not ProgramUpdate.objects.exists()


def test_answers_are_tidied_before_they_are_kept(representative_client, reviewer_client, facility):
    representative_client.post(
        edit_url(facility),
        schedule(
            intake_phone="202.555.0143",
            website="program.example/iop",
            languages=" English ,english, Spanish;;ASL ",
            openings="yes",
            waiting_list_weeks="6",
        ),
    )
    changes = ProgramUpdate.objects.get().changes
    assert changes["intake_phone"] == "(202) 555-0143"
    assert changes["website"] == "https://program.example/iop"
    assert changes["languages"] == ["English", "Spanish", "ASL"]
    assert changes["openings"] == "yes" and "waiting_list_weeks" not in changes  # no wait without a waiting list


def test_updates_from_one_account_are_limited(representative_client, facility, settings):
    settings.PROGRAM_UPDATE_RATE_LIMIT_PER_ACCOUNT = 2
    for hours in ("9", "10"):
        assert representative_client.post(edit_url(facility), schedule(hours_per_week=hours)).status_code == 302
    assert representative_client.post(edit_url(facility), schedule(hours_per_week="11")).status_code == 429
    assert ProgramUpdate.objects.count() == 2
