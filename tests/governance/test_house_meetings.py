"""House meetings: each home's weekly slot and the next meetings made once per date, the agenda residents and
staff add to, attendance, minutes kept by the secretary or staff and approved at the next meeting, the
decisions log, the resident's "my house" page, and pages whose queries do not grow with the house's history."""

from datetime import date, time, timedelta

import pytest
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from governance.house_meetings.models import AgendaItem, HouseDecision, HouseMeeting, MeetingAttendance, VoteChoice
from governance.house_meetings.services import (
    MeetingProblem,
    approve_minutes,
    cast_vote,
    close_motion,
    save_minutes,
    schedule_meetings,
    set_schedule,
    upcoming_dates,
)
from governance.house_meetings.tasks import schedule_meetings_dispatch, schedule_meetings_for_home
from recovery.models import Role
from recovery.notifications.models import Notification
from recovery.tenancy import organization_today, tenant_scope
from tests.governance.builders import make_meeting, make_motion
from tests.recovery.builders import make_member
from tests.residences.builders import admit, make_home, manager_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def home(harbor):
    return make_home(harbor, name="Maple House", beds=("A", "B", "C"))


@pytest.fixture
def jordan(harbor, home):
    user = make_member(harbor, Role.RESIDENT, first_name="Jordan", last_name="Reyes")
    admit(home, first_name="Jordan", last_name="Reyes", user=user, move_in=date(2020, 1, 1))
    return user


def resident_of(harbor, user):
    from residents.models import Resident

    with tenant_scope(harbor):
        return Resident.objects.get(user=user)


# --- Scheduling ------------------------------------------------------------------------------------------------


def test_upcoming_dates_start_on_the_next_meeting_day_including_today():
    sunday = date(2026, 11, 29)
    assert upcoming_dates(6, today=sunday, count=2) == [sunday, date(2026, 12, 6)]
    assert upcoming_dates(0, today=sunday, count=1) == [date(2026, 11, 30)]


def test_scheduling_makes_the_next_four_meetings_once_however_often_it_runs(harbor, home):
    with tenant_scope(harbor):
        set_schedule(residence=home, weekday=6, starts_at=time(19, 0), place="Kitchen")
        first = schedule_meetings(residence=home, today=date(2026, 11, 25))
        again = schedule_meetings(residence=home, today=date(2026, 11, 25))
        later = schedule_meetings(residence=home, today=date(2026, 12, 2))
    assert [m.held_on for m in first] == [date(2026, 11, 29), date(2026, 12, 6), date(2026, 12, 13), date(2026, 12, 20)]
    assert again == [] and [m.held_on for m in later] == [date(2026, 12, 27)]
    assert first[0].place == "Kitchen" and first[0].starts_at == time(19, 0)


def test_the_database_refuses_two_meetings_of_one_home_on_one_day(harbor, home):
    meeting = make_meeting(harbor, home)
    with pytest.raises(IntegrityError), transaction.atomic():
        make_meeting(harbor, home, held_on=meeting.held_on)


def test_scheduling_without_a_meeting_time_says_what_to_do(harbor, home):
    with tenant_scope(harbor), pytest.raises(MeetingProblem, match="day and time"):
        schedule_meetings(residence=home)


def test_the_dispatcher_schedules_every_home_with_a_meeting_time_once(harbor, cedar, home):
    from unittest import mock

    from recovery.celery import app

    other = make_home(cedar, name="Cedar Ridge")
    for organization, residence in ((harbor, home), (cedar, other)):
        with tenant_scope(organization):
            set_schedule(residence=residence, weekday=2, starts_at=time(18, 30))
    # Celery reads its settings once: run the per-home tasks in this process through the app's own config, so the
    # test does not depend on whether an earlier test already loaded it.
    with mock.patch.dict(app.conf, {"task_always_eager": True, "task_eager_propagates": True}):
        schedule_meetings_dispatch()
    assert schedule_meetings_for_home(home.pk) == 0  # already done
    with tenant_scope(cedar):
        assert HouseMeeting.objects.filter(residence=other).count() == 4


def test_a_real_celery_worker_makes_each_meeting_once_when_the_dispatcher_runs_twice(
    harbor, cedar, start_celery_worker
):
    from celery.result import AsyncResult

    from recovery.tenancy import scopes_disabled

    homes = [(harbor, make_home(harbor, name="Maple House")), (cedar, make_home(cedar, name="Cedar Ridge"))]
    for organization, residence in homes:
        with tenant_scope(organization):
            set_schedule(residence=residence, weekday=4, starts_at=time(18, 0))
    queue = start_celery_worker()
    for _run in range(2):
        task_ids = schedule_meetings_dispatch.apply_async(kwargs={"queue": queue}, queue=queue).get(timeout=60)
        assert len(task_ids) == 2
        for task_id in task_ids:
            AsyncResult(task_id).get(timeout=60)
    with scopes_disabled():
        counts = sorted(HouseMeeting.objects.order_by().values_list("organization_id", "residence_id").distinct())
        assert HouseMeeting.objects.count() == 8
    assert counts == sorted((organization.pk, residence.pk) for organization, residence in homes)


def test_staff_set_the_meeting_time_on_the_schedule_page(client, harbor, home):
    client.force_login(manager_of(home))
    response = client.post(
        reverse("governance:meeting_schedule", kwargs={"residence_pk": home.pk}),
        {"weekday": 6, "starts_at": "19:00", "place": "Porch", "quorum": "majority"},
    )
    assert response.status_code == 302
    with tenant_scope(harbor):
        assert HouseMeeting.objects.filter(residence=home).count() == 4


# --- Agenda, attendance, minutes -------------------------------------------------------------------------------


def test_a_resident_adds_to_the_agenda_of_their_houses_meeting(client, harbor, home, jordan):
    meeting = make_meeting(harbor, home)
    client.force_login(jordan)
    client.post(reverse("governance:add_agenda_item", kwargs={"pk": meeting.pk}), {"title": "The dishes rota"})
    page = client.get(reverse("governance:meeting", kwargs={"pk": meeting.pk})).content.decode()
    assert "The dishes rota" in page
    with tenant_scope(harbor):
        assert AgendaItem.objects.get(meeting=meeting).added_by == jordan


def test_a_resident_of_another_home_cannot_see_or_add_to_the_meeting(client, harbor, home):
    meeting = make_meeting(harbor, home)
    neighbor = make_member(harbor, Role.RESIDENT)
    admit(
        make_home(harbor, name="Birch House"),
        first_name="Sam",
        last_name="Lee",
        user=neighbor,
        move_in=date(2020, 1, 1),
    )
    client.force_login(neighbor)
    assert client.get(reverse("governance:meeting", kwargs={"pk": meeting.pk})).status_code == 403
    agenda_url = reverse("governance:add_agenda_item", kwargs={"pk": meeting.pk})
    assert client.post(agenda_url, {"title": "x"}).status_code == 403


def test_staff_take_attendance_and_the_page_says_absence_may_count(client, harbor, home, jordan):
    meeting = make_meeting(harbor, home, held_on=date(2026, 11, 29))
    resident = resident_of(harbor, jordan)
    client.force_login(manager_of(home))
    url = reverse("governance:attendance", kwargs={"pk": meeting.pk})
    assert "may count under the house rules" in client.get(url).content.decode()
    client.post(url, {f"status_{resident.pk}": "excused", f"note_{resident.pk}": "At work"})
    with tenant_scope(harbor):
        mark = MeetingAttendance.objects.get(meeting=meeting)
    assert (mark.resident_id, mark.status, mark.note) == (resident.pk, "excused", "At work")
    client.force_login(jordan)
    assert client.get(url).status_code == 403


def test_minutes_are_approved_at_the_next_meeting_and_then_stay_as_they_are(harbor, home):
    first = make_meeting(harbor, home, held_on=date(2026, 11, 22))
    second = make_meeting(harbor, home, held_on=date(2026, 11, 29))
    with tenant_scope(harbor):
        with pytest.raises(MeetingProblem, match="no minutes"):
            approve_minutes(minutes_of=first, at_meeting=second, by=None)
        save_minutes(meeting=first, minutes="We agreed on quiet hours.", by=None)
        decision = approve_minutes(minutes_of=first, at_meeting=second, by=None)
        with pytest.raises(MeetingProblem, match="no longer be changed"):
            save_minutes(meeting=first, minutes="Changed afterwards", by=None)
        with pytest.raises(MeetingProblem, match="later meeting"):
            approve_minutes(minutes_of=second, at_meeting=first, by=None)
        first.refresh_from_db()
    assert first.minutes_approved_at_meeting_id == second.pk
    assert decision.meeting_id == second.pk and "Minutes of the meeting of November 22, 2026" in decision.summary


def test_an_ordinary_resident_may_not_write_the_minutes(client, harbor, home, jordan):
    meeting = make_meeting(harbor, home)
    client.force_login(jordan)
    assert client.get(reverse("governance:minutes", kwargs={"pk": meeting.pk})).status_code == 403


def test_the_approve_minutes_button_approves_the_meeting_before(client, harbor, home):
    first = make_meeting(harbor, home, held_on=date(2026, 11, 22), minutes="Notes")
    second = make_meeting(harbor, home, held_on=date(2026, 11, 29))
    client.force_login(manager_of(home))
    client.post(reverse("governance:approve_minutes", kwargs={"pk": second.pk}))
    first.refresh_from_db()
    assert first.minutes_approved_at is not None


# --- Decisions log and "my house" -------------------------------------------------------------------------------


def test_the_house_reads_its_decisions_log_and_staff_add_to_it(client, harbor, home, jordan):
    client.force_login(manager_of(home))
    url = reverse("governance:decisions", kwargs={"residence_pk": home.pk})
    client.post(url, {"summary": "Garden day on the first Saturday", "decided_on": "2026-11-20"})
    client.force_login(jordan)
    assert "Garden day on the first Saturday" in client.get(url).content.decode()
    assert client.post(url, {"summary": "Sneaky", "decided_on": "2026-11-20"}).status_code == 403
    with tenant_scope(harbor):
        assert HouseDecision.objects.count() == 1


def test_my_house_shows_the_next_meeting_open_votes_and_recent_decisions(client, harbor, home, jordan):
    today = organization_today(harbor)
    meeting = make_meeting(harbor, home, held_on=today + timedelta(days=2))
    with tenant_scope(harbor):
        AgendaItem.objects.create(meeting=meeting, title="Fix the porch light")
    make_motion(harbor, home, meeting=meeting, title="Adopt a cat", secret=True)
    closed = make_motion(harbor, home, meeting=meeting, title="Paint the kitchen")
    with tenant_scope(harbor):
        close_motion(motion=closed, by=None)
    client.force_login(jordan)
    page = client.get(reverse("governance:my_house")).content.decode()
    for text in ("Fix the porch light", "Adopt a cat", "you haven't voted yet", "No quorum on “Paint the kitchen”"):
        assert text in page
    assert "{# chores" not in page  # the integrator's spots are template comments


def test_residents_are_told_a_vote_is_open_without_details_on_the_lock_screen(harbor, home, jordan):
    from governance.house_meetings.services import open_motion

    with tenant_scope(harbor):
        open_motion(residence=home, title="Adopt a cat", by=None)
        notification = Notification.objects.get(recipient=jordan, kind="governance.vote_open")
    assert notification.title == "A house vote is open"


def test_a_resident_without_a_home_is_told_so(client, harbor):
    client.force_login(make_member(harbor, Role.RESIDENT))
    assert "don't live in" in client.get(reverse("governance:my_house")).content.decode()
    assert "don't live in" in client.get(reverse("governance:meetings")).content.decode()


def test_staff_see_their_homes_meetings(client, harbor, home):
    make_meeting(harbor, home, held_on=organization_today(harbor) + timedelta(days=1))
    client.force_login(manager_of(home))
    page = client.get(reverse("governance:meetings")).content.decode()
    assert "Maple House" in page and "next meeting" in page


# --- Query counts ----------------------------------------------------------------------------------------------


def add_history(harbor, home, residents, n, *, start=date(2025, 1, 5)):
    """n past meetings, each with an agenda item, minutes, a closed motion with votes and a decision."""
    for i in range(n):
        meeting = make_meeting(harbor, home, held_on=start + timedelta(weeks=i), minutes="Notes")
        with tenant_scope(harbor):
            AgendaItem.objects.create(meeting=meeting, title=f"Item {i}")
        motion = make_motion(harbor, home, meeting=meeting, secret=bool(i % 2))
        with tenant_scope(harbor):
            for resident in residents:
                cast_vote(motion=motion, resident=resident, choice=VoteChoice.YES)
            close_motion(motion=motion, by=None)


def queries_for(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured.captured_queries)


def test_the_meeting_and_my_house_pages_do_not_query_more_as_history_grows(client, harbor, home, jordan):
    residents = [resident_of(harbor, jordan)]
    meeting = make_meeting(harbor, home, held_on=organization_today(harbor) + timedelta(days=3))
    with tenant_scope(harbor):
        AgendaItem.objects.create(meeting=meeting, title="Now")
    make_motion(harbor, home, meeting=meeting)
    client.force_login(jordan)
    urls = [
        reverse("governance:meeting", kwargs={"pk": meeting.pk}),
        reverse("governance:my_house"),
        reverse("governance:residence_meetings", kwargs={"residence_pk": home.pk}),
        reverse("governance:decisions", kwargs={"residence_pk": home.pk}),
    ]
    add_history(harbor, home, residents, 2)
    for url in urls:
        client.get(url)  # the first request of a session does its own bookkeeping
    small = [queries_for(client, url) for url in urls]
    more = make_home(harbor, name="Spare House")  # noqa: F841 - other homes' rows do not count either
    with tenant_scope(harbor):
        for i in range(6):
            meeting_extra = make_meeting(harbor, home, held_on=date(2025, 6, 1) + timedelta(weeks=i))
            AgendaItem.objects.create(meeting=meeting_extra, title=f"Extra {i}")
            AgendaItem.objects.create(meeting=meeting, title=f"Now {i}")
    make_motion(harbor, home, meeting=meeting, secret=True)
    add_history(harbor, home, residents, 5, start=date(2024, 1, 7))
    large = [queries_for(client, url) for url in urls]
    assert small == large


# --- The demo ----------------------------------------------------------------------------------------------------


def test_every_governance_page_answers_every_demo_role_without_a_server_error(client, settings):
    """tests/test_demo_crawl.py crawls the older namespaces; this crawls governance's meeting pages."""
    from django.core.management import call_command

    from governance.house_meetings.models import Motion
    from governance.officers.models import Election
    from recovery.models import Organization, User
    from residences.models import Residence

    settings.DEBUG = True
    call_command("seed_demo")
    settings.DEBUG = False
    organization = Organization.objects.get(slug="harbor-light")
    urls = [reverse("governance:meetings"), reverse("governance:my_house")]
    with tenant_scope(organization):
        assert Motion.objects.filter(secret=True).exists() and Election.objects.exists()
        for residence in Residence.objects.all():
            urls += [
                reverse(f"governance:{name}", kwargs={"residence_pk": residence.pk})
                for name in ("residence_meetings", "meeting_schedule", "decisions", "officers")
            ]
        urls += [reverse("governance:meeting", args=[pk]) for pk in HouseMeeting.objects.values_list("pk", flat=True)]
        urls += [reverse("governance:motion", args=[pk]) for pk in Motion.objects.values_list("pk", flat=True)]
        urls += [reverse("governance:election", args=[pk]) for pk in Election.objects.values_list("pk", flat=True)]
        urls += [reverse("governance:minutes", args=[pk]) for pk in HouseMeeting.objects.values_list("pk", flat=True)]
    for local_part in ["admin", "manager", "staff", "coach", "resident"]:
        client.force_login(User.objects.get(email=f"{local_part}@harbor.example"))
        statuses = {url: client.get(url).status_code for url in urls}
        failures = [f"{url} -> {status}" for url, status in statuses.items() if status >= 500]
        assert not failures, f"{local_part}: {failures}"
        assert sum(status == 200 for status in statuses.values()) >= 2
