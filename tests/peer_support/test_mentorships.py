"""Mentorships: suggestions ranked by house, phase, pathway and places left; the house manager pairs within the
mentor's limit; a pairing ends with a reason; a coach sees only their mentees, a resident mentor only what is
shared with them, never the plan."""

import threading
import time
from datetime import date, timedelta

import pytest
from django.db import IntegrityError, connection, transaction
from django.urls import reverse

from peer_support.checkins.models import CheckIn
from peer_support.checkins.services import organization_today
from peer_support.mentorships import services
from peer_support.mentorships.models import Mentor, Mentorship
from recovery.models import Role
from recovery.tenancy import tenant_scope
from residences.stays.services import move_out
from residents.phases.services import join_alumni
from tests.peer_support.builders import add_resident, make_peer_home
from tests.recovery.builders import make_coach, make_member
from tests.residences.builders import manager_of

pytestmark = pytest.mark.django_db


def _today(org):
    with tenant_scope(org):
        return organization_today()


def test_suggestions_put_the_same_house_and_a_later_phase_first_and_say_why(harbor):
    home, other_home = make_peer_home(harbor), make_peer_home(harbor)
    newcomer = add_resident(home, first_name="New", pathways=["smart"])
    same_house = add_resident(home, first_name="Senior", phase_position=4, pathways=["smart"])
    add_resident(home, first_name="Peer", phase_position=1)  # same phase as the newcomer: not a mentor
    elsewhere = add_resident(other_home, first_name="Far", phase_position=3)
    with tenant_scope(harbor):
        suggestions = services.suggest_mentors(mentee=newcomer)
    names = [s.name for s in suggestions]
    assert names[:2] == [same_house.display_name, elsewhere.display_name]
    assert "Peer Lee" not in names
    first = suggestions[0]
    assert "Lives in the same house" in first.reasons
    assert any(r.startswith("Shares the pathway: SMART") for r in first.reasons)
    assert "3 places left" in first.reasons


def test_suggestions_leave_out_a_mentor_at_their_limit_and_include_alumni_and_coaches(harbor):
    home = make_peer_home(harbor, beds=8)
    newcomer = add_resident(home, first_name="New")
    busy = add_resident(home, first_name="Busy", phase_position=4)
    alumnus = add_resident(make_peer_home(harbor), first_name="Alum")
    _user, coach = make_coach(harbor)
    with tenant_scope(harbor):
        move_out(stay=alumnus.stays.get(), on=_today(harbor), reason="completed")
        join_alumni(resident=alumnus, on=_today(harbor), willing_to_mentor=True)
        Mentor.objects.create(resident=busy, mentee_limit=1)
        other = add_resident(home, first_name="Other")
        services.start_mentorship(mentee=other, mentor_resident=busy, on=_today(harbor), by=None)
        suggestions = services.suggest_mentors(mentee=newcomer)
    kinds = {s.name: s.kind for s in suggestions}
    assert busy.display_name not in kinds
    assert kinds[alumnus.display_name] == "alumnus"
    assert "coach" in kinds.values()
    assert coach.pk in [s.membership.pk for s in suggestions if s.membership]


def test_pairing_beyond_the_mentors_limit_is_refused_with_a_clear_message(harbor):
    home = make_peer_home(harbor, beds=6)
    mentor = add_resident(home, first_name="Senior", phase_position=4)
    mentees = [add_resident(home, first_name=f"New{i}") for i in range(4)]
    with tenant_scope(harbor):
        for mentee in mentees[:3]:
            services.start_mentorship(mentee=mentee, mentor_resident=mentor, on=_today(harbor), by=None)
        with pytest.raises(services.MentorAtCapacity, match="already has 3 mentees, their limit"):
            services.start_mentorship(mentee=mentees[3], mentor_resident=mentor, on=_today(harbor), by=None)
        assert Mentorship.objects.filter(ended_on__isnull=True).count() == 3


def test_only_a_resident_living_in_a_home_can_be_paired(harbor):
    home = make_peer_home(harbor)
    mentee = add_resident(home)
    _user, coach = make_coach(harbor)
    with tenant_scope(harbor):
        move_out(stay=mentee.stays.get(), on=_today(harbor), reason="left_voluntarily")
        with pytest.raises(services.MentoringProblem, match="lives in one of the homes"):
            services.start_mentorship(mentee=mentee, coach=coach, on=_today(harbor), by=None)


def test_the_database_refuses_a_second_open_mentorship_for_the_same_pair(harbor):
    home = make_peer_home(harbor)
    mentee, senior = add_resident(home), add_resident(home, phase_position=4)
    with tenant_scope(harbor):
        mentor = Mentor.objects.create(resident=senior)
        Mentorship.objects.create(mentor=mentor, mentee=mentee, started_on=date(2026, 11, 1))
        with pytest.raises(IntegrityError):
            Mentorship.objects.create(mentor=mentor, mentee=mentee, started_on=date(2026, 11, 2))


def test_ending_needs_a_reason_and_frees_the_place(harbor):
    home = make_peer_home(harbor)
    mentee = add_resident(home)
    _user, coach = make_coach(harbor)
    with tenant_scope(harbor):
        mentorship = services.start_mentorship(mentee=mentee, coach=coach, on=_today(harbor), by=None)
        with pytest.raises(services.MentoringProblem, match="why"):
            services.end_mentorship(mentorship=mentorship, on=_today(harbor), reason="  ")
        services.end_mentorship(mentorship=mentorship, on=_today(harbor), reason="Moved on to a new mentor")
        assert Mentorship.objects.get().ended_on == _today(harbor)
        assert services.suggest_mentors(mentee=mentee)[0].places_left == 3


def test_the_house_manager_pairs_from_the_suggestions_and_logs_a_contact(client, harbor):
    home = make_peer_home(harbor)
    mentee = add_resident(home, first_name="New")
    senior = add_resident(home, first_name="Senior", phase_position=4)
    client.force_login(manager_of(home))
    page = client.get(reverse("peer_support:pair_mentor", args=[mentee.pk])).content.decode()
    assert "Senior Lee" in page and "Lives in the same house" in page
    response = client.post(reverse("peer_support:pair_mentor", args=[mentee.pk]), {"mentor": f"resident:{senior.pk}"})
    with tenant_scope(harbor):
        mentorship = Mentorship.objects.get()
    assert response.url == reverse("peer_support:mentorship_detail", args=[mentorship.pk])
    url = reverse("peer_support:mentorship_detail", args=[mentorship.pk])
    client.post(url, {"on": _today(harbor).isoformat(), "how": "in_person", "note": "Coffee after the meeting"})
    assert "Coffee after the meeting" in client.get(url).content.decode()
    client.post(
        reverse("peer_support:mentorship_end", args=[mentorship.pk]),
        {"ended_on": _today(harbor).isoformat(), "reason": "Settled in"},
    )
    with tenant_scope(harbor):
        assert Mentorship.objects.get().end_reason == "Settled in"


def test_a_house_manager_of_another_home_cannot_pair_this_resident(client, harbor):
    mentee = add_resident(make_peer_home(harbor))
    client.force_login(manager_of(make_peer_home(harbor)))
    assert client.get(reverse("peer_support:pair_mentor", args=[mentee.pk])).status_code == 403


def test_a_coach_sees_their_mentees_check_ins_and_plan_but_not_other_residents(client, harbor):
    home = make_peer_home(harbor)
    mentee, other = add_resident(home, first_name="Mine"), add_resident(home, first_name="NotMine")
    coach_user, coach = make_coach(harbor)
    with tenant_scope(harbor):
        mentorship = services.start_mentorship(mentee=mentee, coach=coach, on=_today(harbor), by=None)
    client.force_login(coach_user)
    assert client.get(reverse("peer_support:resident_check_ins", args=[mentee.pk])).status_code == 200
    assert client.get(reverse("residents:plan", args=[mentee.pk])).status_code == 200
    assert client.get(reverse("peer_support:resident_check_ins", args=[other.pk])).status_code == 403
    assert client.get(reverse("residents:plan", args=[other.pk])).status_code == 403
    people = client.get(reverse("peer_support:my_people")).content.decode()
    assert "Mine Lee" in people and "NotMine" not in people
    with tenant_scope(harbor):
        services.end_mentorship(mentorship=mentorship, on=_today(harbor), reason="Done")
    assert client.get(reverse("peer_support:resident_check_ins", args=[mentee.pk])).status_code == 403


def test_a_resident_mentor_sees_only_check_ins_shared_with_them_and_never_the_plan(client, harbor):
    home = make_peer_home(harbor)
    mentee = add_resident(home, first_name="Newer")
    mentor_user = make_member(harbor, Role.RESIDENT)
    senior = add_resident(home, first_name="Senior", phase_position=4, user=mentor_user)
    today = _today(harbor)
    with tenant_scope(harbor):
        services.start_mentorship(mentee=mentee, mentor_resident=senior, on=today - timedelta(days=3), by=None)
        CheckIn.objects.create(
            resident=mentee,
            day=today - timedelta(days=1),
            feeling=4,
            craving=1,
            goal_today="Shared goal",
            share_with_mentor=True,
        )
        CheckIn.objects.create(
            resident=mentee, day=today, feeling=2, craving=6, goal_today="Private goal", share_with_mentor=False
        )
    client.force_login(mentor_user)
    page = client.get(reverse("peer_support:resident_check_ins", args=[mentee.pk])).content.decode()
    assert "Shared goal" in page and "Private goal" not in page
    assert client.get(reverse("residents:plan", args=[mentee.pk])).status_code == 403
    assert client.get(reverse("residents:case_notes", args=[mentee.pk])).status_code == 403
    people = client.get(reverse("peer_support:my_people")).content.decode()
    assert "Newer Lee" in people and "answers not shared with you" in people and "Private goal" not in people


def test_a_resident_sees_only_their_own_check_ins(client, harbor):
    home = make_peer_home(harbor)
    me_user = make_member(harbor, Role.RESIDENT)
    me, housemate = add_resident(home, user=me_user), add_resident(home, first_name="Housemate")
    client.force_login(me_user)
    assert client.get(reverse("peer_support:resident_check_ins", args=[me.pk])).status_code == 200
    assert client.get(reverse("peer_support:resident_check_ins", args=[housemate.pk])).status_code == 403


@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL")
def test_two_managers_pairing_the_last_place_at_once_cannot_both_succeed(transactional_db, harbor):
    home = make_peer_home(harbor, beds=6)
    mentor = add_resident(home, first_name="Senior", phase_position=4)
    mentees = [add_resident(home, first_name=f"New{i}") for i in range(4)]
    today = _today(harbor)
    with tenant_scope(harbor):
        for mentee in mentees[:2]:
            services.start_mentorship(mentee=mentee, mentor_resident=mentor, on=today, by=None)
    outcome = {}

    def second_manager():
        try:
            with tenant_scope(harbor):
                services.start_mentorship(mentee=mentees[3], mentor_resident=mentor, on=today, by=None)
            outcome["result"] = "paired"
        except services.MentorAtCapacity:
            outcome["result"] = "refused"
        finally:
            connection.close()

    with tenant_scope(harbor), transaction.atomic():
        services.start_mentorship(mentee=mentees[2], mentor_resident=mentor, on=today, by=None)
        other = threading.Thread(target=second_manager)
        other.start()
        time.sleep(1)
        assert other.is_alive(), "the second pairing should wait for the first one's lock on the mentor"
    other.join(timeout=30)
    assert outcome == {"result": "refused"}
    with tenant_scope(harbor):
        assert Mentorship.objects.filter(ended_on__isnull=True).count() == 3
