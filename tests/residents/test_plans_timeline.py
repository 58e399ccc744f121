"""A resident's timeline gathers every part's entries — check-ins, outside meetings, tests, incidents, violations,
payments — and shows the sensitive ones (tests, incidents, assessments) only to the roles that see them."""

from datetime import date, datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from governance.drug_tests.models import DrugTest
from governance.incidents.models import Incident
from peer_support.checkins.models import CheckIn
from peer_support.outside_meetings.models import OutsideMeeting
from recovery.models import Membership, Role
from recovery.tenancy import tenant_scope
from residences.ledger import services as ledger_services
from tests.recovery.builders import make_member
from tests.residences.builders import make_stay, manager_of

pytestmark = pytest.mark.django_db


def _record(harbor):
    stay = make_stay(harbor, move_in=date(2026, 10, 1))
    collected = timezone.make_aware(datetime(2026, 10, 12, 9, 0))
    with tenant_scope(harbor):
        home = stay.bed_assignments.get().bed.room.residence
        CheckIn.objects.create(resident=stay.resident, day=date(2026, 10, 10), feeling=2, craving=6, needs_to_talk=True)
        OutsideMeeting.objects.create(resident=stay.resident, attended_on=date(2026, 10, 11), name="Tuesday group")
        DrugTest.objects.create(
            resident=stay.resident,
            residence=home,
            due_on=date(2026, 10, 12),
            collected_at=collected,
            return_to_use=True,
        )
        incident = Incident.objects.create(
            residence=home,
            kind="conflict",
            severity="medium",
            occurred_at=collected,
            location="Kitchen",
            description="Raised voices",
        )
        incident.involved.add(stay.resident)
        ledger_services.record_payment(stay=stay, amount="175.00", method="cash", posted_on=date(2026, 10, 13))
    return stay, home


def test_the_timeline_gathers_every_parts_entries(client, harbor):
    stay, _home = _record(harbor)
    client.force_login(make_member(harbor, Role.STAFF))
    page = client.get(reverse("residents:resident_detail", kwargs={"pk": stay.resident_id})).content.decode()
    for text in (
        "Checked in and asked to talk",
        "Went to a meeting",
        "Urine panel test — counted as a return to use",
        "Incident: conflict (medium)",
        "Paid $175.00",
    ):
        assert text in page, text


def test_a_coach_does_not_see_tests_or_incidents_on_a_mentees_timeline(client, harbor):
    from peer_support.mentorships import services as mentor_services

    stay, home = _record(harbor)
    coach = make_member(harbor, Role.COACH)
    with tenant_scope(harbor):
        mentor_services.start_mentorship(
            mentee=stay.resident, coach=Membership.objects.get(user=coach), on=date(2026, 10, 2), by=manager_of(home)
        )
    client.force_login(coach)
    page = client.get(reverse("residents:resident_detail", kwargs={"pk": stay.resident_id})).content.decode()
    assert "Checked in and asked to talk" in page
    assert "Urine panel" not in page and "Incident:" not in page
