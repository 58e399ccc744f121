"""Daily check-ins: once a day (a second time edits the first), inside the home's window; "I need to talk", at any
hour, tells the coach and house manager in the same request (in their quiet hours, an admin or staff member who is
awake); reminders and missed-check-in alerts go out exactly once each
(by a real Celery worker too); the house sees only what residents share; "my people" costs the same queries at
any size."""

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.db import IntegrityError, connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from peer_support.checkins import services
from peer_support.checkins.models import CheckIn, CheckInReminder, TalkRequest
from peer_support.checkins.tasks import check_in_dispatch
from peer_support.mentorships import services as mentor_services
from recovery.models import Role
from recovery.notifications.models import Notification
from recovery.tenancy import home_today, organization_today, scopes_disabled, tenant_scope
from residences.models import Stay
from tests.peer_support.builders import add_resident, make_peer_home
from tests.recovery.builders import make_coach, make_member
from tests.residences.builders import make_home, manager_of

pytestmark = pytest.mark.django_db

ANSWERS = {
    "feeling": 4,
    "craving": 2,
    "slept": "ok",
    "went_to_meeting": True,
    "goal_today": "Call my sister",
    "ask_for_help": "My sponsor",
    "needs_to_talk": False,
    "share_with_house": True,
}
FORM = {**ANSWERS, "share_with_mentor": "on"}


def _today(org):
    with tenant_scope(org):
        return organization_today()


def _resident_with_user(org, home=None, **kwargs):
    user = make_member(org, Role.RESIDENT)
    return user, add_resident(home or make_peer_home(org), user=user, **kwargs)


def test_a_second_check_in_the_same_day_changes_the_first(harbor):
    _user, resident = _resident_with_user(harbor)
    with tenant_scope(harbor):
        first, created = services.check_in(resident=resident, answers=ANSWERS)
        again, created_again = services.check_in(resident=resident, answers={**ANSWERS, "feeling": 2})
        assert (created, created_again) == (True, False) and first.pk == again.pk
        assert CheckIn.objects.get().feeling == 2


def test_the_database_refuses_two_check_ins_for_one_resident_and_day(harbor):
    _user, resident = _resident_with_user(harbor)
    with tenant_scope(harbor):
        CheckIn.objects.create(resident=resident, day=_today(harbor), feeling=3, craving=1)
        with pytest.raises(IntegrityError):
            CheckIn.objects.create(resident=resident, day=_today(harbor), feeling=4, craving=0)


def test_check_in_before_the_window_opens_is_refused_with_the_opening_time(harbor):
    home = make_peer_home(harbor, opens=time(6, 0), closes=time(10, 0))
    _user, resident = _resident_with_user(harbor, home)
    with tenant_scope(harbor):
        early = datetime.combine(_today(harbor), time(5, 30), tzinfo=harbor.time_zone)
        with pytest.raises(services.CheckInProblem, match="opens at 06:00"):
            services.check_in(resident=resident, answers=ANSWERS, now=early)
        checkin, _ = services.check_in(resident=resident, answers=ANSWERS, now=early + timedelta(hours=1))
        assert checkin.day == early.date()


def test_i_need_to_talk_tells_the_coach_and_house_manager_at_once_without_names(client, harbor):
    home = make_peer_home(harbor)
    user, resident = _resident_with_user(harbor, home, first_name="Jordan")
    manager = manager_of(home)
    coach_user, coach = make_coach(harbor)
    bystander = manager_of(make_peer_home(harbor))
    with tenant_scope(harbor):
        mentor_services.start_mentorship(mentee=resident, coach=coach, on=_today(harbor), by=None)
    client.force_login(user)
    response = client.post(reverse("peer_support:today"), {**FORM, "needs_to_talk": "on"})
    assert response.status_code == 302
    with tenant_scope(harbor):
        told = Notification.objects.filter(kind="request.talk.waiting")
        assert {n.recipient_id for n in told} == {manager.pk, coach_user.pk}
        assert all(n.urgent and n.title == "A request to talk is waiting" for n in told)
        assert "Jordan" not in " ".join(n.title + n.body for n in told)
        assert not told.filter(recipient=bystander).exists()
    client.post(reverse("peer_support:today"), {**FORM, "needs_to_talk": "on", "goal_today": "Rest"})
    with tenant_scope(harbor):
        assert Notification.objects.filter(kind="request.talk.waiting").count() == 2  # asked once, told once


def test_the_today_page_shows_the_form_then_todays_answers(client, harbor):
    user, _resident = _resident_with_user(harbor)
    client.force_login(user)
    page = client.get(reverse("peer_support:today")).content.decode()
    assert "Daily check-in" in page and "next workshop" not in page
    client.post(reverse("peer_support:today"), FORM)
    page = client.get(reverse("peer_support:today")).content.decode()
    assert "You checked in today" in page and "Call my sister" in page
    assert "Change today" in client.get(reverse("peer_support:today") + "?edit=1").content.decode()


def test_an_invalid_check_in_keeps_the_answers_and_says_what_is_missing(client, harbor):
    user, _resident = _resident_with_user(harbor)
    client.force_login(user)
    response = client.post(reverse("peer_support:today"), {**FORM, "feeling": ""})
    assert response.status_code == 200 and "Call my sister" in response.content.decode()
    with tenant_scope(harbor):
        assert not CheckIn.objects.exists()


def test_the_community_screen_shows_only_shared_answers_of_that_home(client, harbor):
    home, other_home = make_peer_home(harbor), make_peer_home(harbor)
    sharer = add_resident(home, first_name="Sharer")
    private = add_resident(home, first_name="Private")
    elsewhere = add_resident(other_home, first_name="Elsewhere")
    with tenant_scope(harbor):
        services.check_in(resident=sharer, answers={**ANSWERS, "goal_today": "Shared goal"})
        services.check_in(
            resident=private, answers={**ANSWERS, "goal_today": "Private goal", "share_with_house": False}
        )
        services.check_in(resident=elsewhere, answers={**ANSWERS, "goal_today": "Other house goal"})
    housemate_user, _ = _resident_with_user(harbor, home)
    client.force_login(housemate_user)
    page = client.get(reverse("peer_support:community_screen", args=[home.pk])).content.decode()
    assert "Shared goal" in page and "Private goal" not in page and "Other house goal" not in page
    assert client.get(reverse("peer_support:community_screen", args=[other_home.pk])).status_code == 403


# --- Reminders and missed-check-in alerts --------------------------------------------------------------------


def _at(org, day, hour, minute=0):
    return datetime.combine(day, time(hour, minute), tzinfo=org.time_zone)


def test_the_reminder_goes_once_while_the_window_is_open_and_the_alert_once_after_it_closes(harbor):
    home = make_peer_home(harbor, opens=time(6, 0), closes=time(10, 0))
    user, resident = _resident_with_user(harbor, home)
    manager = manager_of(home)
    day = _today(harbor)
    with scopes_disabled():
        assert services.due_occurrences(now=_at(harbor, day, 5)) == []
        due = services.due_occurrences(now=_at(harbor, day, 7))
    with tenant_scope(harbor):
        stay = resident.stays.get()
        assert due == [("reminder", stay.pk, day.isoformat())]
        assert services.send_reminder(stay=stay, day=day) is True
        assert services.send_reminder(stay=stay, day=day) is False
        assert Notification.objects.filter(recipient=user, kind="check_in_reminder").count() == 1
    with scopes_disabled():
        assert services.due_occurrences(now=_at(harbor, day, 8)) == []
        assert services.due_occurrences(now=_at(harbor, day, 11)) == [("missed", stay.pk, day.isoformat())]
    with tenant_scope(harbor):
        assert services.alert_missed(stay=stay, day=day) is True
        assert services.alert_missed(stay=stay, day=day) is False
        alerts = Notification.objects.filter(kind="check_in_missed")
        assert [(n.recipient_id, n.title) for n in alerts] == [(manager.pk, "A resident has not checked in today")]


def test_the_dispatcher_asks_the_same_queries_and_offers_only_what_is_due_whatever_was_sent_before(harbor):
    # Issue 20: the dispatcher narrows to homes in their window, and the database leaves out what was sent.
    open_home = make_peer_home(harbor, opens=time(6, 0), closes=time(10, 0))
    quiet_home = make_peer_home(harbor, opens=time(8, 0), closes=time(9, 0))  # not open yet at 07:00
    day = _today(harbor)

    def dispatch():
        with scopes_disabled(), CaptureQueriesContext(connection) as queries:
            due = services.due_occurrences(now=_at(harbor, day, 7))
        return due, len(queries)

    _resident_with_user(harbor, open_home)
    _resident_with_user(harbor, quiet_home)
    due, few = dispatch()
    assert len(due) == 1
    with tenant_scope(harbor):
        services.send_reminder(stay=Stay.objects.get(pk=due[0][1]), day=day)
    for _more in range(3):
        _resident_with_user(harbor, open_home)
        _resident_with_user(harbor, quiet_home)
    due, many = dispatch()
    assert len(due) == 3 and many == few  # the one reminded is not offered again, the quiet home's four never


def test_no_alert_for_a_resident_who_checked_in(harbor):
    home = make_peer_home(harbor)
    _user, resident = _resident_with_user(harbor, home)
    manager_of(home)
    with tenant_scope(harbor):
        services.check_in(resident=resident, answers=ANSWERS)
        assert services.alert_missed(stay=resident.stays.get(), day=_today(harbor)) is False
        assert services.send_reminder(stay=resident.stays.get(), day=_today(harbor)) is False
        assert not Notification.objects.filter(kind__in=["check_in_missed", "check_in_reminder"]).exists()
        assert CheckInReminder.objects.count() == 2  # recorded, so the dispatcher stops offering them


def test_the_dispatcher_is_scheduled_every_five_minutes():
    entry = settings.CELERY_BEAT_SCHEDULE["peer_support.check_in_dispatch"]
    assert entry["task"] == "peer_support.check_in_dispatch" and entry["schedule"] == 300


@pytest.mark.skipif(not settings.REDIS_URL, reason="REDIS_URL is not set; CI sets it")
def test_a_real_celery_worker_sends_the_reminder_and_the_alert_once_each_when_the_dispatcher_runs_again(
    harbor, start_celery_worker
):
    from celery.result import AsyncResult

    open_home = make_peer_home(harbor, opens=time(0, 0), closes=time(23, 59))
    closed_home = make_peer_home(harbor, opens=time(0, 0), closes=time(0, 1))
    waiting_user, _waiting = _resident_with_user(harbor, open_home)
    _late_user, _late = _resident_with_user(harbor, closed_home)
    manager = manager_of(closed_home)
    queue = start_celery_worker()
    for _run in range(3):
        task_ids = check_in_dispatch.apply_async(kwargs={"queue": queue}, queue=queue).get(timeout=60)
        for task_id in task_ids:
            AsyncResult(task_id).get(timeout=60)
    with scopes_disabled():
        reminders = list(Notification.objects.filter(kind="check_in_reminder").values_list("recipient_id", flat=True))
        alerts = list(Notification.objects.filter(kind="check_in_missed").values_list("recipient_id", flat=True))
        assert CheckInReminder.objects.count() == 2
    local = timezone.localtime(timezone.now(), harbor.time_zone).time()
    if time(0, 1) <= local < time(23, 59):  # outside the first and last minute of the day, both are due
        assert reminders == [waiting_user.pk]
        assert alerts == [manager.pk]


# --- "My people" -------------------------------------------------------------------------------------------------


def _fill(org, home, count, today):
    for n in range(count):
        resident = add_resident(home, first_name=f"Res{n}", move_in=today - timedelta(days=20))
        with tenant_scope(org):
            CheckIn.objects.bulk_create(
                CheckIn(
                    resident=resident, residence=home, day=today - timedelta(days=d), feeling=3 - d % 2, craving=d % 5
                )
                for d in range(1, 12)
            )


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context.captured_queries)


@pytest.mark.parametrize("role", ["house_manager", "coach"])
def test_my_people_costs_the_same_queries_with_more_residents_and_history(client, harbor, role):
    home = make_peer_home(harbor, beds=12)
    today = _today(harbor)
    if role == "coach":
        user, coach = make_coach(harbor)
    else:
        user = manager_of(home)
    client.force_login(user)
    url = reverse("peer_support:my_people")

    def pair_all():
        if role == "coach":
            from peer_support.mentorships.models import Mentorship
            from residents.models import Resident

            with tenant_scope(harbor):
                paired = Mentorship.objects.filter(ended_on__isnull=True).values("mentee_id")
                for resident in Resident.objects.exclude(pk__in=paired):
                    mentor_services.start_mentorship(mentee=resident, coach=coach, on=today, by=None)

    _fill(harbor, home, 2, today)
    pair_all()
    client.get(url)  # the first page after signing in also settles the session
    small = _queries(client, url)
    with tenant_scope(harbor):
        from peer_support.mentorships.models import Mentor

        Mentor.objects.filter(membership__role="coach").update(mentee_limit=20)
    _fill(harbor, home, 6, today)
    pair_all()
    assert _queries(client, url) == small
    page = client.get(url).content.decode()
    assert "Res5 Lee" in page and "Not checked in yet" in page


def test_every_peer_support_page_answers_every_demo_role(client, settings):
    from django.core.management import call_command

    from recovery.models import Organization, User
    from residences.models import Residence
    from residents.models import Resident

    settings.DEBUG = True
    call_command("seed_demo")
    settings.DEBUG = False
    organization = Organization.objects.get(slug="harbor-light")
    urls = [reverse(f"peer_support:{name}") for name in ("today", "my_people", "mentorships", "my_outside_meetings")]
    with tenant_scope(organization):
        for residence in Residence.objects.all():
            urls += [
                reverse("peer_support:community_screen", args=[residence.pk]),
                reverse("peer_support:signal_settings", args=[residence.pk]),
            ]
        for resident in Resident.objects.all()[:6]:
            urls += [
                reverse("peer_support:resident_check_ins", args=[resident.pk]),
                reverse("peer_support:resident_outside_meetings", args=[resident.pk]),
                reverse("peer_support:pair_mentor", args=[resident.pk]),
            ]
        from peer_support.mentorships.models import Mentorship

        urls += [reverse("peer_support:mentorship_detail", args=[m.pk]) for m in Mentorship.objects.all()]
    for local_part in ("admin", "manager", "staff", "coach", "resident"):  # one seeding for every role
        client.force_login(User.objects.get(email=f"{local_part}@harbor.example"))
        statuses = {url: client.get(url).status_code for url in urls}
        assert not [url for url, status in statuses.items() if status >= 500], local_part
        assert sum(status == 200 for status in statuses.values()) >= 3, local_part


def test_a_coach_sees_only_the_check_ins_a_mentee_shared_with_their_mentor_and_no_signals(client, harbor):
    home = make_peer_home(harbor)
    mentee = add_resident(home)
    coach_user, coach = make_coach(harbor)
    with tenant_scope(harbor):
        today = organization_today()
        mentor_services.start_mentorship(mentee=mentee, coach=coach, on=today, by=None)
        CheckIn.objects.create(resident=mentee, day=today, feeling=3, craving=2, goal_today="shared-with-mentor")
        CheckIn.objects.create(
            resident=mentee,
            day=today - timedelta(days=1),
            feeling=1,
            craving=5,
            goal_today="kept-from-mentor",
            share_with_mentor=False,
        )
    client.force_login(coach_user)

    check_ins = client.get(reverse("peer_support:resident_check_ins", args=[mentee.pk])).content.decode()
    people = client.get(reverse("peer_support:my_people")).content.decode()
    acknowledged = client.post(reverse("peer_support:acknowledge_signal", args=[mentee.pk]), {"note": "Called"})

    assert "shared-with-mentor" in check_ins and "kept-from-mentor" not in check_ins
    assert "kept-from-mentor" not in people
    assert acknowledged.status_code == 403


def _quiet(org, user, start=time(22, 0), end=time(7, 0)):
    from recovery.notifications.models import NotificationPreference

    with tenant_scope(org):
        NotificationPreference.objects.create(user=user, quiet_hours_start=start, quiet_hours_end=end)


def _three_in_the_morning(org):
    return datetime.combine(_today(org), time(3, 0), tzinfo=org.time_zone)


def test_i_need_to_talk_is_heard_before_the_check_in_window_opens(client, harbor):
    home = make_peer_home(harbor, opens=time(23, 58), closes=time(23, 59))
    user, resident = _resident_with_user(harbor, home)
    manager = manager_of(home)
    client.force_login(user)
    page = client.get(reverse("peer_support:today")).content.decode()
    assert reverse("peer_support:ask_to_talk") in page
    assert client.post(reverse("peer_support:ask_to_talk")).status_code == 302
    with tenant_scope(harbor):
        assert TalkRequest.objects.filter(resident=resident, answered_at__isnull=True).count() == 1
        assert Notification.objects.filter(recipient=manager, kind="request.talk.waiting").count() == 1


def test_someone_who_asked_to_talk_sees_who_is_reaching_out_once_it_is_answered(client, harbor):
    home = make_peer_home(harbor)
    user, resident = _resident_with_user(harbor, home)
    manager = manager_of(home, first_name="Luis", last_name="Ortega")
    client.force_login(user)
    client.post(reverse("peer_support:ask_to_talk"))
    assert "someone will reach you soon" in client.get(reverse("peer_support:today")).content.decode()
    client.force_login(manager)
    with tenant_scope(harbor):
        talk = TalkRequest.objects.get(resident=resident)
    assert client.post(reverse("peer_support:answer_talk_request", args=[talk.pk])).status_code == 302
    client.force_login(user)
    page = client.get(reverse("peer_support:today")).content.decode()
    assert "Luis Ortega is reaching out to you" in page
    assert reverse("peer_support:ask_to_talk") in page  # and they can ask again
    assert "Luis Ortega is reaching out to you" in client.get("/").content.decode()  # on their Today too


def test_ticking_i_need_to_talk_before_the_window_tells_them_and_says_when_the_rest_opens(harbor):
    home = make_peer_home(harbor, opens=time(6, 0), closes=time(10, 0))
    _user, resident = _resident_with_user(harbor, home)
    manager = manager_of(home)
    with tenant_scope(harbor):
        with pytest.raises(services.CheckInProblem, match=r"told .* opens at 06:00"):
            services.check_in(
                resident=resident, answers={**ANSWERS, "needs_to_talk": True}, now=_three_in_the_morning(harbor)
            )
        assert Notification.objects.filter(recipient=manager, kind="request.talk.waiting").exists()


def test_talk_at_night_goes_to_an_admin_who_is_awake_when_the_coach_and_manager_sleep(harbor):
    home = make_peer_home(harbor)
    _user, resident = _resident_with_user(harbor, home)
    manager, (coach_user, coach) = manager_of(home), make_coach(harbor)
    admin, sleeping_admin = make_member(harbor, Role.ADMIN), make_member(harbor, Role.ADMIN)
    for person in (manager, coach_user, sleeping_admin):
        _quiet(harbor, person)
    with tenant_scope(harbor):
        mentor_services.start_mentorship(mentee=resident, coach=coach, on=_today(harbor), by=None)
        services.ask_to_talk(resident=resident, now=_three_in_the_morning(harbor))
        told = {n.recipient_id: n.urgent for n in Notification.objects.filter(kind="request.talk.waiting")}
    # The coach and manager find it in the app in the morning; the admin who is awake is told now.
    assert told == {coach_user.pk: False, manager.pk: False, admin.pk: True}


def test_talk_at_night_wakes_the_admins_when_everyone_is_in_quiet_hours(harbor):
    home = make_peer_home(harbor)
    _user, resident = _resident_with_user(harbor, home)
    manager, admin, staff = manager_of(home), make_member(harbor, Role.ADMIN), make_member(harbor, Role.STAFF)
    for person in (manager, admin, staff):
        _quiet(harbor, person)
    with tenant_scope(harbor):
        services.ask_to_talk(resident=resident, now=_three_in_the_morning(harbor))
        told = {n.recipient_id: n.urgent for n in Notification.objects.filter(kind="request.talk.waiting")}
    assert told == {manager.pk: False, admin.pk: True}


def test_talk_goes_up_when_the_only_awake_coach_has_left_the_organization(harbor):
    from recovery.models import Membership

    home = make_peer_home(harbor)
    _user, resident = _resident_with_user(harbor, home)
    manager, (coach_user, coach) = manager_of(home), make_coach(harbor)
    admin = make_member(harbor, Role.ADMIN)
    _quiet(harbor, manager)
    with tenant_scope(harbor):
        mentor_services.start_mentorship(mentee=resident, coach=coach, on=_today(harbor), by=None)
        Membership.objects.filter(user=coach_user).update(is_active=False)  # the coach left; the mentorship stayed
        services.ask_to_talk(resident=resident, now=_three_in_the_morning(harbor))
        told = {n.recipient_id: n.urgent for n in Notification.objects.filter(kind="request.talk.waiting")}
    assert told == {manager.pk: False, admin.pk: True}


def test_talk_goes_only_to_the_first_line_when_one_of_them_is_awake(harbor):
    home = make_peer_home(harbor)
    _user, resident = _resident_with_user(harbor, home)
    manager, admin = manager_of(home), make_member(harbor, Role.ADMIN)
    with tenant_scope(harbor):
        _talk, created = services.ask_to_talk(resident=resident, now=_three_in_the_morning(harbor))
        _again, created_again = services.ask_to_talk(resident=resident, now=_three_in_the_morning(harbor))
        told = {n.recipient_id: n.urgent for n in Notification.objects.filter(kind="request.talk.waiting")}
    assert (created, created_again) == (True, False)
    assert told == {manager.pk: True} and admin.pk not in told


def test_my_people_puts_someone_who_asked_to_talk_without_checking_in_first(client, harbor):
    home = make_peer_home(harbor)
    _resident_with_user(harbor, home, first_name="Quiet")
    _user, asking = _resident_with_user(harbor, home, first_name="Asking")
    with tenant_scope(harbor):
        services.ask_to_talk(resident=asking)
    client.force_login(manager_of(home))
    page = client.get(reverse("peer_support:my_people")).content.decode()
    assert "1 asked to talk." in page and page.index("Asking") < page.index("Quiet")


def test_a_denver_home_in_a_new_york_organization_gets_its_reminder_at_its_own_opening_hour(harbor):
    denver = ZoneInfo("America/Denver")
    home = make_home(harbor, name="Front Range House", beds=["A"], time_zone=denver)
    home.check_in_opens_at, home.check_in_closes_at = time(7, 0), time(10, 0)
    with tenant_scope(harbor):
        home.save()
    _user, resident = _resident_with_user(harbor, home)
    day = home_today(home)
    five_in_denver = datetime.combine(day, time(5, 0), tzinfo=denver)  # 07:00 in New York: its window is open
    with scopes_disabled():
        assert services.due_occurrences(now=five_in_denver) == []
        due = services.due_occurrences(now=datetime.combine(day, time(7, 5), tzinfo=denver))
        stay = resident.stays.get()
        assert due == [("reminder", stay.pk, day.isoformat())]
        assert services.due_occurrences(now=datetime.combine(day, time(10, 5), tzinfo=denver)) == [
            ("missed", stay.pk, day.isoformat())
        ]
    with tenant_scope(harbor), pytest.raises(services.CheckInProblem, match="opens at 07:00"):
        services.check_in(resident=resident, answers=ANSWERS, now=five_in_denver + timedelta(hours=1))
    with tenant_scope(harbor):
        checkin, _ = services.check_in(resident=resident, answers=ANSWERS, now=five_in_denver + timedelta(hours=2))
        assert checkin.day == day


def test_a_late_evening_check_in_counts_for_the_homes_own_day(harbor):
    denver = ZoneInfo("America/Denver")
    home = make_home(harbor, name="Front Range House", beds=["A"], time_zone=denver)
    _user, resident = _resident_with_user(harbor, home)
    evening = datetime.combine(home_today(home), time(23, 0), tzinfo=denver)  # already tomorrow in New York
    with tenant_scope(harbor):
        checkin, _ = services.check_in(resident=resident, answers=ANSWERS, now=evening)
        assert checkin.day == evening.date()
