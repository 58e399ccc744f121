"""House officers and elections: terms per home, `holds_office` (which passes, chores, the treasury and
announcements ask), the six-month rotation reminder, nominations and a secret candidate ballot, and the
peer-run home's officers running meetings within what the operator allows."""

from datetime import date, timedelta

import pytest
from dateutil.relativedelta import relativedelta
from django.db import IntegrityError, transaction
from django.urls import reverse

from governance.officers.models import ElectionBallot, ElectionResult, Nomination, Office, OfficerTerm
from governance.officers.selectors import holds_office, rotation_warnings
from governance.officers.services import (
    OfficerProblem,
    cast_election_vote,
    close_election,
    nominate,
    open_election,
    start_term,
    start_voting,
)
from recovery.audit.models import AuditEvent
from recovery.models import Role
from recovery.tenancy import organization_today, tenant_scope
from residences.models import Level
from residences.stays.services import move_out
from tests.governance.builders import make_meeting, make_term
from tests.recovery.builders import make_member
from tests.residences.builders import admit, make_home, manager_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def home(harbor):
    return make_home(harbor, name="Maple House", level=Level.PEER_RUN, beds=("A", "B", "C", "D"))


@pytest.fixture
def people(harbor, home):
    found = []
    for first, last in [("Jordan", "Reyes"), ("Chris", "Wallace"), ("Tasha", "Greene")]:
        user = make_member(harbor, Role.RESIDENT, first_name=first, last_name=last)
        found.append(
            (user, admit(home, first_name=first, last_name=last, user=user, move_in=date(2020, 1, 1)).resident)
        )
    return found


def today(harbor):
    return organization_today(harbor)


# --- holds_office ----------------------------------------------------------------------------------------------


def test_holds_office_is_true_for_the_office_a_resident_holds_now_and_false_for_others(harbor, home, people):
    user, resident = people[0]
    make_term(harbor, home, resident, office=Office.TREASURER, starts_on=today(harbor) - timedelta(days=10))
    with tenant_scope(harbor):
        assert holds_office(user, home)
        assert holds_office(user, home, Office.TREASURER, Office.SECRETARY)
        assert not holds_office(user, home, Office.SECRETARY)
        assert not holds_office(people[1][0], home)


def test_holds_office_is_false_once_the_term_has_ended_or_before_it_starts(harbor, home, people):
    user, resident = people[0]
    make_term(harbor, home, resident, starts_on=today(harbor) - timedelta(days=60), ends_on=today(harbor))
    make_term(harbor, home, resident, office=Office.SECRETARY, starts_on=today(harbor) + timedelta(days=1))
    with tenant_scope(harbor):
        assert not holds_office(user, home)


def test_holds_office_is_false_after_the_officer_moves_out(harbor, home, people):
    user, resident = people[0]
    make_term(harbor, home, resident, starts_on=today(harbor) - timedelta(days=30))
    with tenant_scope(harbor):
        move_out(stay=resident.stays.get(), on=today(harbor) - timedelta(days=1), reason="completed")
        assert not holds_office(user, home)


def test_holds_office_is_false_in_another_home(harbor, home, people):
    user, resident = people[0]
    make_term(harbor, home, resident, starts_on=today(harbor) - timedelta(days=30))
    with tenant_scope(harbor):
        assert not holds_office(user, make_home(harbor, name="Birch House"))
        assert not holds_office(None, home)


def test_the_database_refuses_two_open_ended_holders_of_one_office_in_a_home(harbor, home, people):
    make_term(harbor, home, people[0][1])
    with pytest.raises(IntegrityError), transaction.atomic():
        make_term(harbor, home, people[1][1])


def test_starting_a_term_ends_the_previous_holders_term_that_day(harbor, home, people):
    first = make_term(harbor, home, people[0][1], starts_on=date(2026, 1, 1))
    with tenant_scope(harbor):
        start_term(residence=home, office=Office.HOUSE_LEAD, resident=people[1][1], starts_on=date(2026, 3, 1))
        first.refresh_from_db()
    assert first.ends_on == date(2026, 3, 1)


# --- Rotation --------------------------------------------------------------------------------------------------


def test_the_house_is_reminded_to_rotate_after_six_months_in_a_row_in_one_office(harbor, home, people):
    resident = people[0][1]
    now = today(harbor)
    # Two back-to-back terms: together more than six months.
    make_term(harbor, home, resident, starts_on=now - timedelta(days=200), ends_on=now - timedelta(days=90))
    make_term(harbor, home, resident, starts_on=now - timedelta(days=90))
    with tenant_scope(harbor):
        warnings = rotation_warnings(home, today=now)
    assert [(w["term"].resident_id, w["since"]) for w in warnings] == [(resident.pk, now - timedelta(days=200))]


def test_no_rotation_reminder_before_six_months_or_after_a_break(harbor, home, people):
    now = today(harbor)
    make_term(harbor, home, people[0][1], starts_on=now - timedelta(days=150))
    make_term(
        harbor,
        home,
        people[1][1],
        office=Office.SECRETARY,
        starts_on=now - timedelta(days=300),
        ends_on=now - timedelta(days=100),
    )
    make_term(harbor, home, people[1][1], office=Office.SECRETARY, starts_on=now - timedelta(days=60))
    with tenant_scope(harbor):
        assert rotation_warnings(home, today=now) == []


def test_the_officers_page_shows_the_rotation_reminder(client, harbor, home, people):
    make_term(harbor, home, people[0][1], starts_on=today(harbor) - timedelta(days=190))
    client.force_login(people[1][0])
    page = client.get(reverse("governance:officers", kwargs={"residence_pk": home.pk})).content.decode()
    assert "six months or more in a row" in page


def test_the_election_page_warns_when_a_candidate_has_held_the_office_six_months_in_a_row(client, harbor, home, people):
    make_term(harbor, home, people[0][1], office=Office.SECRETARY, starts_on=today(harbor) - timedelta(days=190))
    with tenant_scope(harbor):
        election = open_election(residence=home, office=Office.SECRETARY)
        nominate(election=election, candidate=people[0][1], nominated_by=people[0][1])
    client.force_login(people[1][0])
    page = client.get(reverse("governance:election", kwargs={"pk": election.pk})).content.decode()
    assert "Has held this office six months or more in a row" in page


# --- Elections -------------------------------------------------------------------------------------------------


def election_with_candidates(harbor, home, people):
    with tenant_scope(harbor):
        election = open_election(residence=home, office=Office.SECRETARY)
        nominate(election=election, candidate=people[0][1], nominated_by=people[0][1])  # stands herself
        nominate(election=election, candidate=people[1][1], nominated_by=people[2][1])
        return start_voting(election=election)


def test_an_election_elects_the_most_voted_and_starts_their_term(harbor, home, people):
    election = election_with_candidates(harbor, home, people)
    with tenant_scope(harbor):
        nominations = {n.candidate_id: n.pk for n in Nomination.objects.filter(election=election)}
        for _, voter in people:
            cast_election_vote(election=election, resident=voter, nomination_id=nominations[people[1][1].pk])
        election = close_election(election=election)
        term = OfficerTerm.objects.get(election=election)
        assert holds_office(people[1][0], home, Office.SECRETARY)
    assert (election.result, election.winner_id) == (ElectionResult.ELECTED, people[1][1].pk)
    assert term.ends_on == term.starts_on + relativedelta(months=6)


def test_an_election_ballot_is_secret_and_a_second_vote_is_refused(harbor, home, people):
    election = election_with_candidates(harbor, home, people)
    with tenant_scope(harbor):
        nominations = list(Nomination.objects.filter(election=election).order_by("pk"))
        cast_election_vote(election=election, resident=people[2][1], nomination_id=nominations[1].pk)
        with pytest.raises(OfficerProblem, match="already voted"):
            cast_election_vote(election=election, resident=people[2][1], nomination_id=nominations[0].pk)
        assert [f.name for f in ElectionBallot._meta.concrete_fields] == ["id", "organization", "election", "voter"]
        # The count moved on every nomination at once: the audit log names both, not the chosen one.
        updated = sorted(
            AuditEvent.objects.filter(object_type="governance.nomination", action="update").values_list(
                "object_id", flat=True
            )
        )
    assert updated == sorted(str(n.pk) for n in nominations)


def test_an_election_with_too_few_voters_has_no_quorum_and_a_tie_elects_nobody(harbor, home, people):
    election = election_with_candidates(harbor, home, people)
    with tenant_scope(harbor):
        first = Nomination.objects.filter(election=election).order_by("pk").first()
        cast_election_vote(election=election, resident=people[0][1], nomination_id=first.pk)
        assert close_election(election=election).result == ElectionResult.NO_QUORUM

    tie = election_with_candidates(harbor, home, people)
    with tenant_scope(harbor):
        a, b = Nomination.objects.filter(election=tie).order_by("pk")
        cast_election_vote(election=tie, resident=people[0][1], nomination_id=a.pk)
        cast_election_vote(election=tie, resident=people[1][1], nomination_id=b.pk)
        assert close_election(election=tie).result == ElectionResult.TIE


def test_only_residents_living_in_the_home_can_stand_or_nominate(harbor, home, people):
    outsider = admit(
        make_home(harbor, name="Birch House"), first_name="Sam", last_name="Lee", move_in=date(2020, 1, 1)
    ).resident
    with tenant_scope(harbor):
        election = open_election(residence=home, office=Office.TREASURER)
        with pytest.raises(OfficerProblem, match="can stand"):
            nominate(election=election, candidate=outsider, nominated_by=people[0][1])
        with pytest.raises(OfficerProblem, match="can nominate"):
            nominate(election=election, candidate=people[0][1], nominated_by=outsider)


def test_residents_nominate_and_vote_from_the_election_page(client, harbor, home, people):
    with tenant_scope(harbor):
        election = open_election(residence=home, office=Office.TREASURER)
    client.force_login(people[0][0])
    client.post(reverse("governance:nominate", kwargs={"pk": election.pk}), {"candidate": people[1][1].pk})
    with tenant_scope(harbor):
        nomination = Nomination.objects.get(election=election)
        start_voting(election=election)
    response = client.post(
        reverse("governance:election_vote", kwargs={"pk": election.pk}), {"nomination": nomination.pk}, follow=True
    )
    assert "your vote is counted" in response.content.decode()
    assert nomination.nominated_by_id == people[0][1].pk


# --- Peer-run homes: officers hold the house manager's powers -----------------------------------------------


def test_the_house_lead_of_a_peer_run_home_runs_its_meetings(client, harbor, home, people):
    make_term(harbor, home, people[0][1], starts_on=today(harbor) - timedelta(days=5))
    meeting = make_meeting(harbor, home)
    client.force_login(people[0][0])
    response = client.post(reverse("governance:new_motion", kwargs={"pk": meeting.pk}), {"title": "Buy a mop"})
    assert response.status_code == 302
    assert client.get(reverse("governance:attendance", kwargs={"pk": meeting.pk})).status_code == 200
    client.force_login(people[1][0])  # not an officer
    assert client.get(reverse("governance:attendance", kwargs={"pk": meeting.pk})).status_code == 403


def test_officers_of_a_supervised_home_do_not_hold_the_managers_powers(client, harbor, people):
    supervised = make_home(harbor, name="Oak House", level=Level.SUPERVISED)
    user = make_member(harbor, Role.RESIDENT)
    resident = admit(supervised, first_name="Ana", last_name="Cruz", user=user, move_in=date(2020, 1, 1)).resident
    make_term(harbor, supervised, resident, starts_on=today(harbor) - timedelta(days=5))
    client.force_login(user)
    meeting = make_meeting(harbor, supervised)
    assert client.get(reverse("governance:attendance", kwargs={"pk": meeting.pk})).status_code == 403


def test_a_peer_run_homes_officers_lose_those_powers_when_the_operator_turns_democracy_off(client, harbor, people):
    home = make_home(harbor, name="Willow House", level=Level.PEER_RUN, democracy_features=False)
    user = make_member(harbor, Role.RESIDENT)
    resident = admit(home, first_name="Ana", last_name="Cruz", user=user, move_in=date(2020, 1, 1)).resident
    make_term(harbor, home, resident, starts_on=today(harbor) - timedelta(days=5))
    client.force_login(user)
    meeting = make_meeting(harbor, home)
    assert client.get(reverse("governance:attendance", kwargs={"pk": meeting.pk})).status_code == 403


def test_the_secretary_keeps_minutes_in_a_supervised_home(client, harbor):
    home = make_home(harbor, name="Oak House", level=Level.SUPERVISED)
    user = make_member(harbor, Role.RESIDENT)
    resident = admit(home, first_name="Ana", last_name="Cruz", user=user, move_in=date(2020, 1, 1)).resident
    make_term(harbor, home, resident, office=Office.SECRETARY, starts_on=today(harbor) - timedelta(days=5))
    meeting = make_meeting(harbor, home)
    client.force_login(user)
    client.post(reverse("governance:minutes", kwargs={"pk": meeting.pk}), {"minutes": "Chaired by Ana."})
    meeting.refresh_from_db()
    assert meeting.minutes == "Chaired by Ana."


def test_staff_record_a_term_on_the_officers_page(client, harbor, home, people):
    client.force_login(manager_of(home))
    term = {"office": Office.EXPEDITER, "resident": people[2][1].pk, "starts_on": today(harbor).isoformat()}
    client.post(reverse("governance:officers", kwargs={"residence_pk": home.pk}), term)
    with tenant_scope(harbor):
        assert holds_office(people[2][0], home, Office.EXPEDITER)


# --- The electorate is fixed when voting starts (issue 14, item 3) --------------------------------------------


def test_voters_who_move_out_before_an_election_closes_still_count_against_the_electorate_fixed_at_start(
    client, harbor, home, people
):
    election = election_with_candidates(harbor, home, people)
    with tenant_scope(harbor):
        chris = Nomination.objects.get(election=election, candidate=people[1][1])
        for _, voter in (people[0], people[2]):
            cast_election_vote(election=election, resident=voter, nomination_id=chris.pk)
            move_out(stay=voter.stays.get(), on=today(harbor), reason="completed")
        election = close_election(election=election)
    assert (election.result, election.votes_cast, election.eligible_count) == (ElectionResult.ELECTED, 2, 3)
    client.force_login(people[1][0])
    page = client.get(reverse("governance:election", kwargs={"pk": election.pk})).content.decode()
    assert "2 of 3 residents voted (3 could vote when voting opened)" in page


def test_a_newcomer_since_voting_started_cannot_vote_in_the_election(client, harbor, home, people):
    election = election_with_candidates(harbor, home, people)
    user = make_member(harbor, Role.RESIDENT, first_name="Neo", last_name="Park")
    newcomer = admit(home, first_name="Neo", last_name="Park", user=user, move_in=date(2020, 1, 2)).resident
    with tenant_scope(harbor):
        first = Nomination.objects.filter(election=election).order_by("pk").first()
        with pytest.raises(OfficerProblem, match="started before you moved in"):
            cast_election_vote(election=election, resident=newcomer, nomination_id=first.pk)
    client.force_login(user)
    page = client.get(reverse("governance:election", kwargs={"pk": election.pk})).content.decode()
    assert "3 residents could vote when voting opened" in page and "started before you moved in" in page
    with tenant_scope(harbor):
        assert close_election(election=election).eligible_count == 3
