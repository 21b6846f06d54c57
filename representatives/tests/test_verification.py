"""Staff verify a claim by calling the listing's own number, record who they spoke to and when, and decide."""

import pytest
from django.contrib.auth.models import User
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from programs.models import StampKind
from programs.services import program_facts_update
from representatives.models import ClaimStatus, ListingClaim, Representative
from representatives.tests.conftest import claim_for, last_link

pytestmark = pytest.mark.django_db


def claim_page(claim: ListingClaim) -> str:
    return reverse("representatives_staff:claim", args=[claim.public_id])


def verify(client, claim, **changes):
    data = {"decision": "verify", "called": "on", "spoke_with": "Sam Front, office manager", **changes}
    return client.post(claim_page(claim), data)


def digits(text: str) -> str:
    return "".join(c for c in text if c.isdigit())


def test_the_claim_page_shows_the_listings_own_number_not_the_one_typed_or_set_by_a_program(reviewer_client, facility):
    program_facts_update(
        facility=facility, changes={"intake_phone": "(303) 555-0199"}, kind=StampKind.PROGRAM, at=timezone.now()
    )
    claim = claim_for(facility)
    page = reviewer_client.get(claim_page(claim)).content.decode()
    call_box = page[page.index('class="call-box"') : page.index("</div>", page.index('class="call-box"'))]
    assert digits(facility.phone)[:10] in digits(call_box)
    assert "2025550143" not in digits(call_box)  # the number the claimant typed
    assert "3035550199" not in digits(call_box)  # an intake line a program set for itself


def test_verifying_records_who_checked_when_and_the_number_called(reviewer_client, reviewer, facility):
    claim = claim_for(facility)
    before = timezone.now()
    response = verify(reviewer_client, claim)
    assert response.status_code == 302 and response["Location"] == reverse("representatives_staff:claims")
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.VERIFIED
    assert claim.decided_by == reviewer
    assert claim.decided_at is not None and before <= claim.decided_at <= timezone.now()
    assert claim.spoke_with == "Sam Front, office manager"
    assert claim.called_number == facility.phone


def test_verifying_makes_an_account_that_is_not_staff_and_e_mails_it_a_sign_in_link(reviewer_client, facility):
    verify(reviewer_client, claim_for(facility))
    representative = Representative.objects.select_related("user").get()
    user = representative.user
    assert not user.is_staff and not user.is_superuser and not user.has_usable_password()
    assert user.username.startswith("program-") and "dana" not in user.username.casefold()
    assert representative.email == "dana@program.example"
    [message] = mail.outbox
    assert message.to == ["dana@program.example"]
    path, query = last_link()
    assert path == reverse("representatives:sign_in_link")
    assert query["account"] == user.username and query["token"]
    assert "15 minutes" in str(message.body)


def test_a_second_claim_by_the_same_person_reuses_their_account(reviewer_client, facility, other_facility):
    verify(reviewer_client, claim_for(facility))
    verify(reviewer_client, claim_for(other_facility, email="Dana@Program.example"))
    representative = Representative.objects.get()
    assert set(ListingClaim.objects.values_list("representative", flat=True)) == {representative.pk}
    assert User.objects.filter(username__startswith="program-").count() == 1


def test_it_will_not_verify_without_the_call_or_the_name_of_who_confirmed(reviewer_client, facility):
    claim = claim_for(facility)
    response = verify(reviewer_client, claim, called="", spoke_with=" ")
    assert response.status_code == 400
    page = response.content.decode()
    assert "Call the listing&#x27;s own number before you verify." in page
    assert "Write who confirmed it at the program." in page
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.WAITING and not mail.outbox


def test_declining_records_who_and_when_and_makes_no_account(reviewer_client, reviewer, facility):
    claim = claim_for(facility)
    response = reviewer_client.post(claim_page(claim), {"decision": "decline", "spoke_with": ""})
    assert response.status_code == 302
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.DECLINED and claim.decided_by == reviewer and claim.decided_at
    assert not Representative.objects.exists() and not mail.outbox


def test_a_decided_claim_cannot_be_decided_again(reviewer_client, facility):
    claim = claim_for(facility)
    verify(reviewer_client, claim)
    response = reviewer_client.post(claim_page(claim), {"decision": "decline"})
    assert response.status_code == 409
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.VERIFIED and len(mail.outbox) == 1


def test_a_listing_without_a_number_of_its_own_cannot_be_verified(reviewer_client, facility):
    claim = claim_for(facility)
    type(facility).objects.filter(pk=facility.pk).update(phone="", intake_phones=[])
    response = verify(reviewer_client, claim)
    assert response.status_code == 302
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.WAITING and not Representative.objects.exists()


def test_the_queue_lists_waiting_claims_and_then_the_decided_ones(reviewer_client, facility, other_facility):
    waiting, decided = claim_for(facility), claim_for(other_facility, email="x@other.example")
    verify(reviewer_client, decided)
    page = reviewer_client.get(reverse("representatives_staff:claims")).content.decode()
    assert page.index(str(waiting.public_id)[:8]) < page.index(str(decided.public_id)[:8])
    assert "rita.reviewer" in page


def test_the_sign_in_link_is_e_mailed_in_the_language_of_the_claim(client, reviewer_client, facility):
    form = {"full_name": "Dana", "role": "Directora", "email": "dana@program.example", "callback_phone": "2025550143"}
    client.post(reverse("representatives:claim", args=[facility.public_id]), form, HTTP_ACCEPT_LANGUAGE="es")
    verify(reviewer_client, ListingClaim.objects.get())
    [message] = mail.outbox
    assert message.subject == "Su enlace de acceso a IOP Finder"
    assert "Sirve una sola vez, durante 15 minutos." in str(message.body)


def test_the_back_office_menu_leads_reviewers_to_claims_and_updates(reviewer_client):
    page = reviewer_client.get(reverse("intake_staff:list")).content.decode()
    assert f'href="{reverse("representatives_staff:claims")}"' in page
    assert f'href="{reverse("representatives_staff:updates")}"' in page
