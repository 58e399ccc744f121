"""Phases: a home's phases, where a resident stands, asking to advance and deciding, celebrations, alumni; and
the residents' dashboard cards, the timeline's new entries, per-goal review progress and "my reviews"."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from recovery.audit.models import AuditEvent
from recovery.models import Role
from recovery.notifications.models import Notification
from recovery.tenancy import tenant_scope
from residences.stays import services as stay_services
from residents.barc10 import services as barc10_services
from residents.models import AdvanceRequest, Alumnus, Celebration, PhaseStep
from residents.phases import services
from residents.reviews import services as review_services
from tests.recovery.builders import make_member
from tests.residences.builders import admit, beds_of, make_home, manager_of, resident_with_login
from tests.residents.builders import make_goal

pytestmark = pytest.mark.django_db

MOVE_IN = date(2026, 9, 1)


def home_with_phases(organization, **kwargs):
    home = make_home(organization, beds=("A", "B", "C"), **kwargs)
    with tenant_scope(organization):
        phases = services.add_standard_phases(residence=home)
    return home, phases


def test_moving_in_starts_the_first_phase_and_is_celebrated(harbor):
    home, phases = home_with_phases(harbor)
    stay = admit(home, move_in=MOVE_IN)
    with tenant_scope(harbor):
        step = services.current_step(stay)
        assert (step.phase, step.started_on) == (phases[0], MOVE_IN)
        assert Celebration.objects.filter(stay=stay, kind="entry", on=MOVE_IN).count() == 1
        assert services.next_phase(stay) == phases[1]


def test_a_home_without_phases_still_celebrates_the_arrival(harbor):
    stay = admit(make_home(harbor), move_in=MOVE_IN)
    with tenant_scope(harbor):
        assert services.current_step(stay) is None
        assert Celebration.objects.filter(stay=stay, kind="entry").exists()


def test_asking_deciding_and_the_history(harbor):
    home, phases = home_with_phases(harbor)
    stay = admit(home, move_in=MOVE_IN)
    staff = make_member(harbor, Role.STAFF)
    with tenant_scope(harbor):
        with pytest.raises(services.PhaseProblem, match="why you are ready"):
            services.ask_to_advance(stay=stay, why_ready="  ")
        request = services.ask_to_advance(stay=stay, why_ready="Every meeting, every chore.")
        assert request.to_phase == phases[1]
        with pytest.raises(services.PhaseProblem, match="asked already"):
            services.ask_to_advance(stay=stay, why_ready="Again")
        with pytest.raises(services.PhaseProblem, match="what is still needed"):
            services.decide(request=request, approve=False, by=staff, on=date(2026, 9, 20))
        services.decide(request=request, approve=True, by=staff, on=date(2026, 9, 20), by_house_vote=True)
        request.refresh_from_db()
        assert request.status == "approved" and request.by_house_vote and request.decided_by == staff
        history = list(PhaseStep.objects.filter(stay=stay).order_by("started_on"))
        assert [(s.phase, s.started_on, s.ended_on) for s in history] == [
            (phases[0], MOVE_IN, date(2026, 9, 20)),
            (phases[1], date(2026, 9, 20), None),
        ]
        assert Celebration.objects.filter(stay=stay, kind="step_up", phase=phases[1]).count() == 1
        with pytest.raises(services.PhaseProblem, match="decided already"):
            services.decide(request=request, approve=True, by=staff, on=date(2026, 9, 21))


ANSWERED = "Your request to move up a phase has an answer"


@pytest.mark.parametrize("how", ["decided on the request", "moved directly", "moved past it"])
def test_a_residents_request_is_answered_once_and_they_are_told_however_staff_move_them(harbor, how):
    home, phases = home_with_phases(harbor)
    stay, user = resident_with_login(home, move_in=MOVE_IN)
    staff = make_member(harbor, Role.STAFF)
    with tenant_scope(harbor):
        request = services.ask_to_advance(stay=stay, why_ready="Every meeting, every chore.")
        if how == "decided on the request":
            services.decide(request=request, approve=True, by=staff, on=date(2026, 9, 20))
        else:
            target = phases[1] if how == "moved directly" else phases[2]
            services.move_to_phase(stay=stay, phase=target, on=date(2026, 9, 20), by=staff)
        request.refresh_from_db()
        assert request.status == "approved" and request.decided_by == staff
        assert Notification.objects.filter(recipient=user, title=ANSWERED).count() == 1


def test_moving_a_resident_back_leaves_their_request_to_move_up_open_and_tells_them_nothing(harbor):
    home, phases = home_with_phases(harbor)
    stay, user = resident_with_login(home, move_in=MOVE_IN)
    with tenant_scope(harbor):
        services.move_to_phase(stay=stay, phase=phases[1], on=date(2026, 9, 10))
        request = services.ask_to_advance(stay=stay, why_ready="Ready for the next one.")
        services.move_to_phase(stay=stay, phase=phases[0], on=date(2026, 9, 20))
        request.refresh_from_db()
        assert request.status == "pending"
        assert not Notification.objects.filter(recipient=user, title=ANSWERED).exists()


def test_moving_back_a_phase_is_not_celebrated_and_reaching_it_again_is_celebrated_once(harbor):
    home, phases = home_with_phases(harbor)
    stay = admit(home, move_in=MOVE_IN)
    with tenant_scope(harbor):
        services.move_to_phase(stay=stay, phase=phases[1], on=date(2026, 9, 15))
        services.move_to_phase(stay=stay, phase=phases[0], on=date(2026, 9, 22), note="Missed curfew twice")
        services.move_to_phase(stay=stay, phase=phases[1], on=date(2026, 10, 6))
        assert Celebration.objects.filter(stay=stay, kind="step_up").count() == 1
        assert PhaseStep.objects.filter(stay=stay).count() == 4
        with pytest.raises(services.PhaseProblem, match="already"):
            services.move_to_phase(stay=stay, phase=phases[1], on=date(2026, 10, 7))
        with pytest.raises(services.PhaseProblem, match="cannot come before"):
            services.move_to_phase(stay=stay, phase=phases[2], on=date(2026, 10, 1))


def test_a_phase_of_another_home_is_refused(harbor):
    home, _phases = home_with_phases(harbor, name="Maple House")
    _other, other_phases = home_with_phases(harbor, name="Oak House")
    stay = admit(home, move_in=MOVE_IN)
    with tenant_scope(harbor), pytest.raises(services.PhaseProblem, match="home they live in"):
        services.move_to_phase(stay=stay, phase=other_phases[1], on=date(2026, 9, 10))


def test_a_good_exit_is_celebrated_and_opens_the_alumni(harbor):
    home, _phases = home_with_phases(harbor)
    good, bad = admit(home, move_in=MOVE_IN), admit(home, beds_of(home)[1], move_in=MOVE_IN, first_name="Robin")
    with tenant_scope(harbor):
        with pytest.raises(services.PhaseProblem, match="completed their stay"):
            services.join_alumni(resident=good.resident, on=date(2026, 11, 1))
        stay_services.move_out(stay=good, on=date(2026, 11, 1), reason="completed")
        stay_services.move_out(stay=bad, on=date(2026, 11, 1), reason="rule_violation")
        assert Celebration.objects.filter(stay=good, kind="good_exit").count() == 1
        assert not Celebration.objects.filter(stay=bad, kind="good_exit").exists()
        assert PhaseStep.objects.get(stay=good).ended_on == date(2026, 11, 1)
        services.join_alumni(resident=good.resident, on=date(2026, 11, 2), willing_to_mentor=True)
        services.join_alumni(resident=good.resident, on=date(2026, 11, 9), stay_connected=False)
        alumnus = Alumnus.objects.get(resident=good.resident)
        assert (alumnus.since, alumnus.stay_connected) == (date(2026, 11, 2), False)
        with pytest.raises(services.PhaseProblem):
            services.join_alumni(resident=bad.resident, on=date(2026, 11, 2))


def test_a_planned_good_exit_is_not_celebrated_before_its_day(harbor):
    from residents.phases.selectors import recent_celebrations

    home, _phases = home_with_phases(harbor)
    stay = admit(home, move_in=MOVE_IN)
    with tenant_scope(harbor):
        stay_services.move_out(stay=stay, on=date(2026, 12, 7), reason="completed")
        assert Celebration.objects.filter(stay=stay, kind="good_exit", on=date(2026, 12, 7)).exists()
        before = recent_celebrations([home.pk], today=date(2026, 11, 30))
        on_the_day = recent_celebrations([home.pk], today=date(2026, 12, 7))
        assert "good_exit" not in {celebration.kind for celebration in before}
        assert "good_exit" in {celebration.kind for celebration in on_the_day}


# --- Pages ------------------------------------------------------------------------------------------------------


def test_a_resident_asks_from_their_phone_and_staff_decide(client, harbor):
    home, _phases = home_with_phases(harbor)
    stay, user = resident_with_login(home, move_in=MOVE_IN)
    client.force_login(user)
    page = client.get(reverse("residents:my_phase")).content.decode()
    assert "Orientation" in page and "5 outside meetings a week" in page and "Ask to move up" in page
    response = client.post(reverse("residents:my_phase"), {"why_ready": "I've kept every commitment."})
    assert response.status_code == 302
    with tenant_scope(harbor):
        request = AdvanceRequest.objects.get(stay=stay)
    # The resident cannot decide their own request.
    decide = reverse("residents:decide_request", kwargs={"pk": request.pk})
    assert client.post(decide, {"approve": "yes"}).status_code == 403
    # A house manager of another home cannot either; the home's manager can.
    other_home = make_home(harbor, name="Oak House")
    client.force_login(manager_of(other_home))
    assert client.post(decide, {"approve": "yes"}).status_code == 403
    client.force_login(manager_of(home))
    page = client.get(reverse("residents:resident_phase", kwargs={"pk": stay.resident_id})).content.decode()
    assert "I&#x27;ve kept every commitment." in page
    assert client.post(decide, {"approve": "no", "note": "Two more weeks of meetings."}).status_code == 302
    with tenant_scope(harbor):
        assert (
            Notification.objects.filter(recipient=user, title="Your request to move up a phase has an answer").count()
            == 1
        )
    client.force_login(user)
    assert "Two more weeks of meetings." in client.get(reverse("residents:my_phase")).content.decode()


def test_staff_set_up_a_homes_phases(client, harbor):
    home = make_home(harbor)
    client.force_login(manager_of(home))
    url = reverse("residents:residence_phases", kwargs={"residence_pk": home.pk})
    client.post(url, {"standard": "1"})
    response = client.post(
        url,
        {"position": 1, "name": "Phase 1", "meetings_per_week": 3, "minimum_weeks": 4, "overnight_passes_per_month": 0},
    )
    assert response.status_code == 200 and "Another phase of this home" in response.content.decode()
    with tenant_scope(harbor):
        assert next(p.name for p in home.phases.order_by("position")) == "Orientation"
    client.force_login(make_member(harbor, Role.RESIDENT))
    assert client.get(url).status_code == 403


def test_celebrations_show_the_house_its_own_and_requests_wait_for_the_manager(client, harbor):
    home, _phases = home_with_phases(harbor)
    other_home, _ = home_with_phases(harbor, name="Oak House")
    stay, user = resident_with_login(home, move_in=date(2026, 11, 1))
    admit(other_home, move_in=date(2026, 11, 1), first_name="Quinn")
    with tenant_scope(harbor):
        services.ask_to_advance(stay=stay, why_ready="Ready")
    client.force_login(user)
    page = client.get(reverse("residents:celebrations")).content.decode()
    assert "Alex" in page and "Quinn" not in page
    with tenant_scope(harbor):
        assert AuditEvent.objects.filter(action=AuditEvent.Action.VIEW, detail="celebrations", actor=user).exists()
    client.force_login(manager_of(other_home))
    assert "Alex" not in client.get(reverse("residents:advance_requests")).content.decode()
    client.force_login(manager_of(home))
    assert "Alex" in client.get(reverse("residents:advance_requests")).content.decode()
    assert "1 waiting" in client.get(reverse("home")).content.decode()


def test_the_residents_list_filters_by_phase(client, harbor):
    home, phases = home_with_phases(harbor)
    first = admit(home, move_in=MOVE_IN, first_name="Avery")
    admit(home, beds_of(home)[1], move_in=MOVE_IN, first_name="Blake")
    with tenant_scope(harbor):
        services.move_to_phase(stay=first, phase=phases[1], on=date(2026, 10, 1))
    client.force_login(make_member(harbor, Role.STAFF))
    page = client.get(reverse("residents:resident_list"), {"phase": "Phase 1"}).content.decode()
    assert "Avery" in page and "Blake" not in page


def test_the_timeline_gathers_phases_reviews_and_assessments(client, harbor):
    home, _phases = home_with_phases(harbor)
    stay = admit(home, move_in=MOVE_IN)
    with tenant_scope(harbor):
        review = review_services.create_due_reviews(stay=stay, today=date(2026, 9, 8))[0]
        review_services.complete_review(
            review=review,
            progress="On track",
            reflection="Good",
            next_steps="",
            resident_signed_name="Alex Rivera",
            reviewer_signed_name="Pat",
            by=None,
        )
        barc10_services.record_barc10(resident=stay.resident, answers=[4] * 10, occasion="move_in", taken_on=MOVE_IN)
    client.force_login(make_member(harbor, Role.STAFF))
    page = client.get(reverse("residents:resident_detail", kwargs={"pk": stay.resident_id})).content.decode()
    assert "Phase: Orientation" in page
    assert "Progress review (due Sep 8) completed and signed" in page
    assert "BARC-10 (move-in): 40 of 60" in page
    assert "<svg" in page  # the trend chart, drawn on the server


def test_a_house_manager_does_not_see_assessments_by_default(client, harbor):
    home = make_home(harbor)
    stay = admit(home, move_in=MOVE_IN)
    with tenant_scope(harbor):
        barc10_services.record_barc10(resident=stay.resident, answers=[4] * 10, occasion="move_in", taken_on=MOVE_IN)
    client.force_login(manager_of(home))
    page = client.get(reverse("residents:resident_detail", kwargs={"pk": stay.resident_id})).content.decode()
    assert "Recovery capital" not in page
    assert client.get(reverse("residents:barc10_history", kwargs={"resident_pk": stay.resident_id})).status_code == 403


def test_a_review_records_progress_per_goal_and_a_change_clears_signatures(client, harbor):
    stay = admit(make_home(harbor), move_in=MOVE_IN)
    goal = make_goal(stay.resident)
    with tenant_scope(harbor):
        review = review_services.create_due_reviews(stay=stay, today=date(2026, 9, 8))[0]
    client.force_login(make_member(harbor, Role.STAFF))
    url = reverse("residents:review_detail", kwargs={"pk": review.pk})
    assert "Find steady work" in client.get(url).content.decode()
    fields = {"progress": "", "reflection": "", "next_steps": "Apply at the bakery"}
    client.post(url, {**fields, f"goal_{goal.pk}": "Two interviews", "reviewer_signed_name": "Pat Staff"})
    with tenant_scope(harbor):
        assert review.goal_progress.get().note == "Two interviews"
        review.refresh_from_db()
        assert review.reviewer_signed_at is not None
    client.post(url, {**fields, f"goal_{goal.pk}": "Three interviews"})
    with tenant_scope(harbor):
        review.refresh_from_db()
        assert review.reviewer_signed_at is None and review.goal_progress.get().note == "Three interviews"


def test_my_reviews_lists_the_residents_own(client, harbor):
    stay, user = resident_with_login(make_home(harbor), move_in=MOVE_IN)
    with tenant_scope(harbor):
        review_services.create_due_reviews(stay=stay, today=date(2026, 9, 8))
    client.force_login(user)
    page = client.get(reverse("residents:my_reviews")).content.decode()
    assert "Review due Sep 8, 2026" in page and "add your reflection" in page


def test_the_phase_page_runs_the_same_queries_with_a_longer_history(client, harbor):
    home, phases = home_with_phases(harbor)
    stay = admit(home, move_in=MOVE_IN)
    client.force_login(make_member(harbor, Role.STAFF))
    url = reverse("residents:resident_phase", kwargs={"pk": stay.resident_id})

    def count():
        client.get(url)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    before = count()
    with tenant_scope(harbor):
        for day, phase in [(10, phases[1]), (17, phases[2]), (24, phases[1]), (30, phases[3])]:
            services.move_to_phase(stay=stay, phase=phase, on=date(2026, 9, day))
    assert count() == before
