"""Motions and votes: one current resident of the home, one vote, once; quorum; open votes; and secret ballots
that leave no row, audit event or page from which anyone — staff, admins, the Django admin — learns who voted how."""

from datetime import date

import pytest
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from governance.house_meetings.models import (
    Ballot,
    HouseDecision,
    Motion,
    MotionElector,
    MotionResult,
    Quorum,
    VoteChoice,
)
from governance.house_meetings.services import MeetingProblem, cast_vote, close_motion, open_motion, set_schedule
from recovery.audit.models import AuditEvent
from recovery.models import Role
from recovery.tenancy import organization_today, tenant_scope
from residences.stays.services import move_out
from tests.governance.builders import make_meeting, make_motion
from tests.recovery.builders import make_member
from tests.residences.builders import admit, make_home, manager_of

pytestmark = pytest.mark.django_db

NAMES = [("Jordan", "Reyes"), ("Chris", "Wallace"), ("Tasha", "Greene"), ("Miguel", "Santos")]


@pytest.fixture
def home(harbor):
    return make_home(harbor, name="Maple House", beds=("A", "B", "C", "D", "E"))


@pytest.fixture
def people(harbor, home):
    """Four residents living in the home, each signed in with their own account: [(user, resident), ...]."""
    found = []
    for first, last in NAMES:
        user = make_member(harbor, Role.RESIDENT, first_name=first, last_name=last)
        found.append(
            (user, admit(home, first_name=first, last_name=last, user=user, move_in=date(2020, 1, 1)).resident)
        )
    return found


def vote(harbor, motion, resident, choice):
    with tenant_scope(harbor):
        return cast_vote(motion=motion, resident=resident, choice=choice)


def close(harbor, motion):
    with tenant_scope(harbor):
        return close_motion(motion=motion, by=None)


def snapshot(harbor, motion):
    """Every governance row and audit event about this motion's vote, with ids, actors and times left out."""
    with tenant_scope(harbor):
        ballots = sorted(Ballot.objects.filter(motion=motion).values_list("voter__first_name", "choice"))
        row = Motion.objects.filter(pk=motion.pk).values("yes_count", "no_count", "abstain_count").get()
        ballot_ids = [str(pk) for pk in Ballot.objects.filter(motion=motion).values_list("pk", flat=True)]
        events = list(
            AuditEvent.objects.filter(
                Q(object_type="governance.motion", object_id=str(motion.pk))
                | Q(object_type="governance.ballot", object_id__in=ballot_ids)
            )
            .order_by("pk")
            .values_list("object_type", "action", "changed_fields", "detail")
        )
    return ballots, row, events


# --- Secret ballots --------------------------------------------------------------------------------------------


def test_a_secret_ballot_leaves_no_row_or_audit_event_that_tells_how_anyone_voted(harbor, home, people):
    """Two secret motions, the same two voters in the same order with opposite choices: everything Hearth keeps
    about them (ballot rows, the motion's row, every audit event) is identical, so nothing reveals a choice."""
    (_, jordan), (_, chris) = people[0], people[1]
    first = make_motion(harbor, home, secret=True)
    second = make_motion(harbor, home, secret=True)
    vote(harbor, first, jordan, VoteChoice.YES)
    vote(harbor, first, chris, VoteChoice.NO)
    vote(harbor, second, jordan, VoteChoice.NO)
    vote(harbor, second, chris, VoteChoice.YES)

    first_snapshot, second_snapshot = snapshot(harbor, first), snapshot(harbor, second)
    assert first_snapshot == second_snapshot
    ballots, row, events = first_snapshot
    assert ballots == [("Chris", ""), ("Jordan", "")]  # that they voted, never how
    assert row == {"yes_count": 1, "no_count": 1, "abstain_count": 0}
    counter_updates = [
        fields for kind, action, fields, _ in events if kind == "governance.motion" and action == "update"
    ]
    assert counter_updates == [["abstain_count", "no_count", "yes_count"]] * 2


def test_the_first_secret_vote_moves_all_three_counters_in_the_audit_log_whatever_the_choice(harbor, home, people):
    for choice in VoteChoice.values:
        motion = make_motion(harbor, home, secret=True)
        vote(harbor, motion, people[0][1], choice)
        with tenant_scope(harbor):
            updates = AuditEvent.objects.filter(object_type="governance.motion", action="update")
            updates = updates.filter(object_id=str(motion.pk))
            fields = list(updates.values_list("changed_fields", flat=True))
        assert fields == [["abstain_count", "no_count", "yes_count"]]


def test_a_second_secret_vote_by_the_same_resident_is_refused_and_not_counted(harbor, home, people):
    motion = make_motion(harbor, home, secret=True)
    vote(harbor, motion, people[0][1], VoteChoice.YES)
    with pytest.raises(MeetingProblem, match="already voted"):
        vote(harbor, motion, people[0][1], VoteChoice.NO)
    motion.refresh_from_db()
    assert (motion.yes_count, motion.no_count, motion.votes_cast) == (1, 0, 1)


def test_the_database_refuses_two_ballots_for_one_resident_on_one_motion(harbor, home, people):
    motion = make_motion(harbor, home, secret=True)
    vote(harbor, motion, people[0][1], VoteChoice.YES)
    with tenant_scope(harbor), pytest.raises(IntegrityError), transaction.atomic():
        Ballot.objects.create(motion=motion, voter=people[0][1])


def test_staff_see_who_has_voted_but_no_running_tally_and_no_choices_on_a_secret_motion(client, harbor, home, people):
    motion = make_motion(harbor, home, secret=True, title="Buy a new couch")
    vote(harbor, motion, people[0][1], VoteChoice.YES)
    client.force_login(manager_of(home))
    page = client.get(reverse("governance:motion", kwargs={"pk": motion.pk})).content.decode()
    assert "1 of 4 voted so far" in page
    assert "1 yes" not in page and "Jordan" not in page


# --- Open votes ------------------------------------------------------------------------------------------------


def test_an_open_vote_records_each_choice_with_the_voter_for_the_house_to_read(client, harbor, home, people):
    motion = make_motion(harbor, home, secret=False, title="Quiet hours from 10 pm")
    vote(harbor, motion, people[0][1], VoteChoice.YES)
    vote(harbor, motion, people[1][1], VoteChoice.NO)
    with tenant_scope(harbor):
        assert sorted(Ballot.objects.filter(motion=motion).values_list("voter__first_name", "choice")) == [
            ("Chris", "no"),
            ("Jordan", "yes"),
        ]
    client.force_login(people[2][0])
    page = client.get(reverse("governance:motion", kwargs={"pk": motion.pk})).content.decode()
    assert "Jordan Reyes · Yes" in page and "Chris Wallace · No" in page


# --- Who may vote ----------------------------------------------------------------------------------------------


def test_only_people_living_in_the_home_now_can_vote(harbor, home, people):
    motion = make_motion(harbor, home)
    elsewhere = admit(
        make_home(harbor, name="Birch House"), first_name="Sam", last_name="Lee", move_in=date(2020, 1, 1)
    ).resident
    with tenant_scope(harbor):
        move_out(stay=people[3][1].stays.get(), on=date(2026, 11, 2), reason="completed")
    for outsider in (elsewhere, people[3][1]):
        with pytest.raises(MeetingProblem, match="living in this house now"):
            vote(harbor, motion, outsider, VoteChoice.YES)
    with pytest.raises(MeetingProblem, match="Only residents"):
        vote(harbor, motion, None, VoteChoice.YES)


def test_staff_cannot_vote_and_a_resident_votes_from_their_phone(client, harbor, home, people):
    motion = make_motion(harbor, home, secret=True)
    url = reverse("governance:vote", kwargs={"pk": motion.pk})
    client.force_login(manager_of(home))
    assert client.post(url, {"choice": "yes"}).status_code == 403
    client.force_login(people[0][0])
    response = client.post(url, {"choice": "no"}, follow=True)
    assert "your vote is counted" in response.content.decode()
    again = client.post(url, {"choice": "yes"})
    assert again.status_code == 400 and "already voted" in again.content.decode()
    motion.refresh_from_db()
    assert (motion.no_count, motion.yes_count) == (1, 0)


def test_a_resident_of_another_home_may_not_vote_there(client, harbor, home, people):
    motion = make_motion(harbor, home)
    neighbor = make_member(harbor, Role.RESIDENT)
    admit(
        make_home(harbor, name="Birch House"),
        first_name="Sam",
        last_name="Lee",
        user=neighbor,
        move_in=date(2020, 1, 1),
    )
    client.force_login(neighbor)
    assert client.post(reverse("governance:vote", kwargs={"pk": motion.pk}), {"choice": "yes"}).status_code == 403


def test_a_closed_vote_takes_no_more_votes(harbor, home, people):
    motion = make_motion(harbor, home)
    close(harbor, motion)
    with pytest.raises(MeetingProblem, match="closed"):
        vote(harbor, motion, people[0][1], VoteChoice.YES)


def test_votes_are_refused_when_the_operator_turned_house_democracy_off(harbor):
    home = make_home(harbor, name="Cedar House", democracy_features=False)
    with tenant_scope(harbor), pytest.raises(MeetingProblem, match="turned off"):
        open_motion(residence=home, title="Paint the porch", by=None)


# --- Quorum and the result -------------------------------------------------------------------------------------


def test_the_result_is_no_quorum_when_too_few_residents_voted(harbor, home, people):
    motion = make_motion(harbor, home)
    vote(harbor, motion, people[0][1], VoteChoice.YES)
    vote(harbor, motion, people[1][1], VoteChoice.YES)  # 2 of 4: a majority needs 3
    motion = close(harbor, motion)
    assert (motion.result, motion.eligible_count, motion.quorum_needed) == (MotionResult.NO_QUORUM, 4, 3)


def test_a_motion_passes_with_a_quorum_and_more_yes_than_no_and_goes_in_the_decisions_log(harbor, home, people):
    motion = make_motion(harbor, home, title="Move the meeting to 7 pm")
    for (_, resident), choice in zip(people[:3], [VoteChoice.YES, VoteChoice.YES, VoteChoice.ABSTAIN], strict=True):
        vote(harbor, motion, resident, choice)
    motion = close(harbor, motion)
    assert motion.result == MotionResult.PASSED
    with tenant_scope(harbor):
        decision = HouseDecision.objects.get(motion=motion)
    assert decision.summary == "Passed: “Move the meeting to 7 pm” (2 yes, 0 no, 1 abstaining)."
    assert decision.meeting_id == motion.meeting_id


def test_a_tie_does_not_pass(harbor, home, people):
    motion = make_motion(harbor, home)
    choices = [VoteChoice.YES, VoteChoice.YES, VoteChoice.NO, VoteChoice.NO]
    for (_, resident), choice in zip(people, choices, strict=True):
        vote(harbor, motion, resident, choice)
    assert close(harbor, motion).result == MotionResult.FAILED


def test_a_two_thirds_quorum_set_for_the_home_needs_more_voters(harbor, home, people):
    with tenant_scope(harbor):
        set_schedule(residence=home, weekday=6, starts_at="19:00", quorum=Quorum.TWO_THIRDS)
    motion = make_motion(harbor, home)
    for _, resident in people[:2]:
        vote(harbor, motion, resident, VoteChoice.YES)
    motion = close(harbor, motion)
    assert (motion.quorum_needed, motion.result) == (3, MotionResult.NO_QUORUM)


def test_the_chair_closes_the_vote_from_the_motion_page_and_a_resident_cannot(client, harbor, home, people):
    motion = make_motion(harbor, home)
    url = reverse("governance:close_motion", kwargs={"pk": motion.pk})
    client.force_login(people[0][0])
    assert client.post(url).status_code == 403
    client.force_login(manager_of(home))
    page = client.post(url, follow=True).content.decode()
    assert "No quorum" in page


def test_a_meeting_motion_can_be_opened_by_staff_on_the_meeting_page(client, harbor, home, people):
    meeting = make_meeting(harbor, home)
    client.force_login(manager_of(home))
    response = client.post(
        reverse("governance:new_motion", kwargs={"pk": meeting.pk}), {"title": "Get a second fridge", "secret": "on"}
    )
    with tenant_scope(harbor):
        motion = Motion.objects.get(title="Get a second fridge")
    assert response.status_code == 302 and motion.secret and motion.meeting_id == meeting.pk


# --- The electorate is fixed when voting opens (issue 14, item 3) ---------------------------------------------


def _leave(harbor, resident):
    with tenant_scope(harbor):
        move_out(stay=resident.stays.get(), on=organization_today(harbor), reason="completed")


def test_two_yes_voters_who_move_out_before_the_close_do_not_make_a_motion_pass(client, harbor, home, people):
    """The replayed report: four residents, two vote yes on a secret motion and move out before it closes. It
    said "passed", "2 of 2 residents voted". The electorate was four when voting opened: no quorum, 2 of 4."""
    motion = make_motion(harbor, home, secret=True, title="Paint the porch")
    for _, resident in people[:2]:
        vote(harbor, motion, resident, VoteChoice.YES)
        _leave(harbor, resident)
    motion = close(harbor, motion)
    assert (motion.result, motion.votes_cast, motion.eligible_count, motion.quorum_needed) == (
        MotionResult.NO_QUORUM,
        2,
        4,
        3,
    )
    client.force_login(people[2][0])
    page = client.get(reverse("governance:motion", kwargs={"pk": motion.pk})).content.decode()
    assert "2 of 4 residents voted (4 could vote when voting opened)" in page
    assert "2 of 2" not in page


def test_a_ballot_cast_by_someone_who_then_moved_out_still_counts_toward_the_result(harbor, home, people):
    motion = make_motion(harbor, home, secret=True)
    for _, resident in people[:3]:
        vote(harbor, motion, resident, VoteChoice.YES)
    _leave(harbor, people[0][1])
    motion = close(harbor, motion)
    assert (motion.result, motion.yes_count, motion.eligible_count) == (MotionResult.PASSED, 3, 4)


def test_someone_who_moves_in_after_voting_opened_cannot_vote_and_the_page_says_why(client, harbor, home, people):
    motion = make_motion(harbor, home)
    user = make_member(harbor, Role.RESIDENT, first_name="Neo", last_name="Park")
    newcomer = admit(home, first_name="Neo", last_name="Park", user=user, move_in=date(2020, 1, 2)).resident
    with pytest.raises(MeetingProblem, match="opened before you moved in"):
        vote(harbor, motion, newcomer, VoteChoice.YES)
    client.force_login(user)
    page = client.get(reverse("governance:motion", kwargs={"pk": motion.pk})).content.decode()
    assert "4 residents could vote when voting opened" in page
    assert "opened before you moved in" in page and "Cast my vote" not in page
    assert close(harbor, motion).eligible_count == 4


def test_someone_who_moved_out_before_voting_can_no_longer_vote(harbor, home, people):
    motion = make_motion(harbor, home)
    _leave(harbor, people[3][1])
    with pytest.raises(MeetingProblem, match="living in this house now"):
        vote(harbor, motion, people[3][1], VoteChoice.YES)
    assert close(harbor, motion).eligible_count == 4


def test_open_motion_fixes_the_electorate_and_its_quorum_when_it_opens(harbor, home, people):
    with tenant_scope(harbor):
        set_schedule(residence=home, weekday=6, starts_at="19:00", quorum=Quorum.TWO_THIRDS)
        motion = open_motion(residence=home, title="New house rule", by=None)
        electors = set(MotionElector.objects.filter(motion=motion).values_list("resident_id", flat=True))
        set_schedule(residence=home, weekday=6, starts_at="19:00", quorum=Quorum.ONE_THIRD)
    _leave(harbor, people[0][1])
    assert electors == {resident.pk for _, resident in people}
    assert (close(harbor, motion).eligible_count, motion.quorum_needed) == (4, 3)


def test_the_database_refuses_a_tally_larger_than_the_electorate(harbor, home, people):
    motion = make_motion(harbor, home)
    with tenant_scope(harbor), pytest.raises(IntegrityError), transaction.atomic():
        Motion.objects.filter(pk=motion.pk).update(yes_count=5)


def test_a_motion_recorded_before_electorates_existed_counts_its_voters_and_todays_residents(harbor, home, people):
    with tenant_scope(harbor):
        motion = Motion.objects.create(residence=home, title="Older motion", opened_at=timezone.now())
        Ballot.objects.create(motion=motion, voter=people[0][1])
        Motion.objects.filter(pk=motion.pk).update(yes_count=1)
    _leave(harbor, people[0][1])
    vote(harbor, motion, people[1][1], VoteChoice.YES)
    motion = close(harbor, motion)
    assert (motion.eligible_count, motion.votes_cast, motion.quorum_needed) == (4, 2, 3)
