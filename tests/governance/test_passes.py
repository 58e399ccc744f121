"""Passes and sign-outs: the phase's monthly allowance, who may answer, signing out and back, the overdue flag."""

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from governance.passes import services
from governance.passes.models import OverdueFlag, Pass, PassStatus, SignOut
from governance.passes.tasks import flag_overdue_back, flag_overdue_back_dispatch
from recovery.models import Role
from recovery.notifications.models import Notification
from recovery.tenancy import tenant_scope
from residents.phases.models import Phase, PhaseStep
from tests.recovery.builders import make_member
from tests.residences.builders import admit, make_home, manager_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def home(harbor):
    return make_home(harbor, name="Maple House", beds=("A", "B", "C"))


def _resident(harbor, home, name="Jordan", *, nights=2, curfew=None):
    user = make_member(harbor, Role.RESIDENT, first_name=name)
    stay = admit(home, first_name=name, last_name="Reyes", user=user, move_in=date(2020, 1, 1))
    with tenant_scope(harbor):
        phase, _ = Phase.objects.get_or_create(
            residence=home,
            position=nights + 1,
            defaults={"name": f"Phase {nights}", "overnight_passes_per_month": nights, "curfew": curfew},
        )
        PhaseStep.objects.update_or_create(
            stay=stay, ended_on=None, defaults={"phase": phase, "started_on": stay.move_in}
        )
    return stay


def _at(day, hour):
    return timezone.make_aware(datetime(2026, 11, day, hour))


def _ask(stay, home, kind="overnight", day=6):
    return services.request_pass(
        stay=stay, residence=home, kind=kind, leaves_at=_at(day, 17), returns_at=_at(day + 1, 12)
    )


def test_overnight_passes_are_refused_over_the_phases_monthly_allowance(harbor, home):
    stay = _resident(harbor, home, nights=2)
    with tenant_scope(harbor):
        _ask(stay, home, day=6)
        _ask(stay, home, kind="weekend", day=13)
        with pytest.raises(services.PassProblem, match="allows 2 overnight"):
            _ask(stay, home, day=20)
        assert _ask(stay, home, kind="day", day=20).kind == "day"  # day passes do not count


def test_a_declined_pass_gives_the_night_back(harbor, home):
    stay = _resident(harbor, home, nights=1)
    manager = manager_of(home)
    with tenant_scope(harbor):
        first = _ask(stay, home)
        services.decide_pass(pass_=first, approve=False, by=manager, reason="House meeting that night")
        assert _ask(stay, home, day=8).status == PassStatus.REQUESTED


def test_a_new_month_brings_a_new_allowance(harbor, home):
    stay = _resident(harbor, home, nights=1)
    with tenant_scope(harbor):
        _ask(stay, home, day=6)
        services.request_pass(
            stay=stay,
            residence=home,
            kind="overnight",
            leaves_at=timezone.make_aware(datetime(2026, 12, 4, 17)),
            returns_at=timezone.make_aware(datetime(2026, 12, 5, 12)),
        )


def test_a_resident_without_overnights_in_their_phase_is_told_why(client, harbor, home):
    stay = _resident(harbor, home, nights=0)
    client.force_login(stay.resident.user)
    response = client.post(
        reverse("governance:pass_mine"),
        {"kind": "overnight", "leaves_at": "2026-11-06T17:00", "returns_at": "2026-11-07T12:00"},
    )
    assert response.status_code == 200
    assert "allows 0 overnight" in response.content.decode()
    with tenant_scope(harbor):
        assert not Pass.objects.exists()


def test_a_resident_asks_for_a_pass_from_their_phone(client, harbor, home):
    stay = _resident(harbor, home)
    client.force_login(stay.resident.user)
    data = {"kind": "day", "leaves_at": "2026-11-06T09:00", "returns_at": "2026-11-06T18:00", "destination": "Mom's"}
    response = client.post(reverse("governance:pass_mine"), data)
    assert response.status_code == 302
    with tenant_scope(harbor):
        assert Pass.objects.get().destination == "Mom's"


def test_an_officer_may_answer_but_another_resident_may_not(client, harbor, home, monkeypatch):
    stay = _resident(harbor, home)
    officer = _resident(harbor, home, "Sam").resident.user
    other = _resident(harbor, home, "Lee").resident.user
    with tenant_scope(harbor):
        pass_ = _ask(stay, home, kind="day")
    monkeypatch.setattr("governance.officers.selectors.holds_office", lambda user, residence, *offices: user == officer)
    url = reverse("governance:pass_decide", args=[pass_.pk])
    client.force_login(other)
    assert client.post(url, {"approve": "yes"}).status_code == 403
    assert client.get(reverse("governance:pass_house", args=[home.pk])).status_code == 403
    client.force_login(stay.resident.user)  # not on their own pass, even as an officer
    monkeypatch.setattr("governance.officers.selectors.holds_office", lambda user, residence, *offices: True)
    assert client.post(url, {"approve": "yes"}).status_code == 403
    monkeypatch.setattr("governance.officers.selectors.holds_office", lambda user, residence, *offices: user == officer)
    client.force_login(officer)
    assert client.post(url, {"approve": "yes"}).status_code == 302
    with tenant_scope(harbor):
        pass_.refresh_from_db()
        assert pass_.status == PassStatus.APPROVED and pass_.decided_by == officer
        assert Notification.objects.filter(
            recipient=stay.resident.user, title="Your pass request has an answer"
        ).exists()


def test_declining_needs_a_reason(harbor, home):
    stay = _resident(harbor, home)
    with tenant_scope(harbor), pytest.raises(services.PassProblem, match="reason"):
        services.decide_pass(pass_=_ask(stay, home), approve=False, by=None, reason=" ")


def test_sign_out_without_a_pass_is_due_back_at_the_phases_curfew(harbor, home):
    stay = _resident(harbor, home, curfew=time(21, 30))
    with tenant_scope(harbor):
        sign_out = services.sign_out(stay=stay, residence=home, by=None, now=_at(6, 14))
        assert timezone.localtime(sign_out.due_back_at, harbor.time_zone).time() == time(21, 30)
        with pytest.raises(services.PassProblem, match="already out of the house"):
            services.sign_out(stay=stay, residence=home, by=None, now=_at(6, 15))


def test_a_resident_signs_out_on_a_pass_and_back_in_from_the_phone(client, harbor, home):
    stay = _resident(harbor, home)
    with tenant_scope(harbor):
        pass_ = _ask(stay, home, kind="day")
        services.decide_pass(pass_=pass_, approve=True, by=None)
    client.force_login(stay.resident.user)
    client.post(reverse("governance:pass_sign_out"), {"pass": pass_.pk})
    with tenant_scope(harbor):
        sign_out = SignOut.objects.get()
        assert sign_out.due_back_at == pass_.returns_at
    client.post(reverse("governance:pass_sign_back", args=[sign_out.pk]))
    with tenant_scope(harbor):
        sign_out.refresh_from_db()
        assert sign_out.back_at is not None


def test_overdue_back_is_flagged_to_the_house_manager_once(harbor, home):
    stay = _resident(harbor, home)
    manager = manager_of(home)
    with tenant_scope(harbor):
        sign_out = services.sign_out(stay=stay, residence=home, by=None, now=timezone.now() - timedelta(days=1))
    assert flag_overdue_back(sign_out.pk) is True
    assert flag_overdue_back(sign_out.pk) is False
    assert flag_overdue_back_dispatch() == []
    with tenant_scope(harbor):
        flags = Notification.objects.filter(recipient=manager, kind="governance.overdue_back")
        assert flags.count() == 1 and flags.get().title == "A resident is overdue back"
        assert "Jordan" not in flags.get().title


def test_a_resident_back_in_time_is_not_flagged(harbor, home):
    stay = _resident(harbor, home)
    with tenant_scope(harbor):
        sign_out = services.sign_out(stay=stay, residence=home, by=None, now=timezone.now() - timedelta(days=1))
        services.sign_back_in(sign_out=sign_out, by=None)
    assert flag_overdue_back(sign_out.pk) is False


def test_a_real_celery_worker_flags_overdue_back_once_when_the_dispatcher_runs_twice(start_celery_worker, harbor, home):
    from celery.result import AsyncResult

    stay = _resident(harbor, home)
    manager = manager_of(home)
    with tenant_scope(harbor):
        services.sign_out(stay=stay, residence=home, by=None, now=timezone.now() - timedelta(days=1))
    queue = start_celery_worker()
    for _ in range(2):
        for task_id in flag_overdue_back_dispatch.apply_async(kwargs={"queue": queue}, queue=queue).get(timeout=60):
            AsyncResult(task_id).get(timeout=60)
    with tenant_scope(harbor):
        assert OverdueFlag.objects.count() == 1
        assert Notification.objects.filter(recipient=manager, kind="governance.overdue_back").count() == 1


def test_the_house_passes_page_query_count_does_not_grow_with_history(client, harbor, home):
    stay = _resident(harbor, home, nights=30)
    client.force_login(manager_of(home))
    url = reverse("governance:pass_house", args=[home.pk])

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    with tenant_scope(harbor):
        services.decide_pass(pass_=_ask(stay, home, day=1), approve=True, by=None)
        _ask(stay, home, day=2)
    count()
    small = count()
    with tenant_scope(harbor):
        for day in range(3, 20):
            _ask(stay, home, day=day)
        for pass_ in Pass.objects.all()[:8]:
            if pass_.status == PassStatus.REQUESTED:
                services.decide_pass(pass_=pass_, approve=True, by=None)
    assert count() == small


def test_staff_sign_out_only_residents_of_the_home_they_look_at(client, harbor, home):
    stay = _resident(harbor, home)
    elsewhere = make_home(harbor, name="Birch House", beds=("A",))
    stranger = admit(elsewhere, first_name="Kim", last_name="Other", move_in=date(2020, 1, 1))
    client.force_login(manager_of(home))
    url = reverse("governance:pass_house", args=[home.pk])
    client.post(url, {"stay": stranger.pk})
    client.post(url, {"stay": stay.pk})
    with tenant_scope(harbor):
        assert list(SignOut.objects.values_list("stay_id", flat=True)) == [stay.pk]


def test_a_resident_of_another_home_cannot_see_this_homes_passes_chores_or_treasury(client, harbor, home):
    _resident(harbor, home)
    elsewhere = make_home(harbor, name="Birch House", beds=("A",), level=1)
    other = make_member(harbor, Role.RESIDENT)
    admit(elsewhere, first_name="Kim", last_name="Other", user=other, move_in=date(2020, 1, 1))
    client.force_login(other)
    for name in ("pass_house", "chore_house", "treasury_house", "treasury_report"):
        assert client.get(reverse(f"governance:{name}", args=[home.pk])).status_code == 403


def test_a_pass_request_tells_the_house_manager_without_a_name_or_a_place(harbor, home):
    stay = _resident(harbor, home)
    manager = manager_of(home)
    with tenant_scope(harbor):
        services.request_pass(
            stay=stay, residence=home, kind="day", leaves_at=_at(6, 9), returns_at=_at(6, 17), destination="Mom's"
        )
        told = Notification.objects.get(recipient=manager)
    assert told.title == "A pass request is waiting" and told.url == reverse("governance:pass_house", args=[home.pk])
    assert "Jordan" not in told.title + told.body and "Mom" not in told.title + told.body


def test_the_passes_board_marks_who_is_overdue_back_and_not_who_is_due_later(client, harbor, home):
    # The on-time resident's curfew is 04:59, so whenever the test runs they are due back within a day, never
    # already past it (with the house's 23:00 curfew, a sign-out at 23:30 is rightly overdue at once).
    late, on_time = _resident(harbor, home, "Late"), _resident(harbor, home, "Ontime", nights=5, curfew=time(4, 59))
    with tenant_scope(harbor):
        services.sign_out(stay=late, residence=home, by=None, now=timezone.now() - timedelta(days=1))
        services.sign_out(stay=on_time, residence=home, by=None, now=timezone.now())
    client.force_login(manager_of(home))
    page = client.get(reverse("governance:pass_house", args=[home.pk])).content.decode()
    out_now = page.split("<h2>Out now</h2>")[1].split("</ul>")[0]
    rows = {row.split("·")[0].strip(): row for row in out_now.split("<li>")[1:]}
    assert "Overdue back" in next(row for name, row in rows.items() if name.startswith("Late"))
    assert "Overdue back" not in next(row for name, row in rows.items() if name.startswith("Ontime"))


def test_a_house_manager_reaches_the_passes_board_from_the_home_page_and_the_homes_page(client, harbor, home):
    client.force_login(manager_of(home))
    assert reverse("governance:pass_mine") in client.get("/").content.decode()
    home_page = client.get(reverse("residences:residence_home", args=[home.pk])).content.decode()
    assert reverse("governance:pass_house", args=[home.pk]) in home_page


def test_leaving_the_house_is_not_called_signing_out(client, harbor, home):
    stay = _resident(harbor, home)
    client.force_login(stay.resident.user)
    page = client.get(reverse("governance:pass_mine")).content.decode()
    assert "Leave the house" in page and "Sign me out" not in page


SPRING_FORWARD, FALL_BACK = date(2026, 3, 8), date(2026, 11, 1)  # America/New_York's clock changes in 2026


@pytest.mark.parametrize("curfew", [time(22, 0), time(0, 0), time(1, 0)], ids=str)
@pytest.mark.parametrize("day", [date(2026, 6, 15), SPRING_FORWARD, FALL_BACK], ids=str)
def test_a_sign_out_at_any_hour_is_due_back_at_the_next_curfew_within_a_day(harbor, home, day, curfew):
    stay = _resident(harbor, home, curfew=curfew)
    zone = harbor.time_zone
    out = datetime.combine(day, time(0), tzinfo=zone)
    end = datetime.combine(day + timedelta(days=1), time(0), tzinfo=zone)
    with tenant_scope(harbor):
        while out < end:  # every hour of the local day, stepping real hours across the clock change
            sign_out = services.sign_out(stay=stay, residence=home, by=None, now=out)
            flagged = services.flag_if_overdue(sign_out=sign_out, now=out + timedelta(minutes=1))
            if services.is_curfew_night(curfew, timezone.localtime(out, zone).time().replace(tzinfo=None)):
                # Out past curfew without a pass: due back at once, and flagged, never a free night away.
                assert sign_out.due_back_at == out and flagged is True
            else:
                assert out < sign_out.due_back_at <= out + timedelta(hours=25 if day == FALL_BACK else 24)
                assert timezone.localtime(sign_out.due_back_at, zone).time() == curfew
                assert flagged is False
            services.sign_back_in(sign_out=sign_out, by=None, now=out + timedelta(minutes=2))
            out = (out.astimezone(UTC) + timedelta(hours=1)).astimezone(zone)


def test_a_morning_sign_out_under_a_midnight_curfew_is_due_back_tonight_not_flagged_at_once(harbor, home):
    stay = _resident(harbor, home, curfew=time(0, 0))
    manager_of(home)
    morning = datetime(2026, 6, 15, 9, 0, tzinfo=harbor.time_zone)
    with tenant_scope(harbor):
        sign_out = services.sign_out(stay=stay, residence=home, by=None, now=morning)
        assert sign_out.due_back_at == datetime(2026, 6, 16, 0, 0, tzinfo=harbor.time_zone)
        assert services.flag_if_overdue(sign_out=sign_out, now=morning + timedelta(minutes=5)) is False
        assert not Notification.objects.filter(kind="governance.overdue_back").exists()


@pytest.mark.parametrize(
    ("curfew", "local", "night"),
    [
        (time(23, 0), time(23, 30), True),
        (time(23, 0), time(3, 0), True),
        (time(23, 0), time(5, 0), False),
        (time(23, 0), time(22, 59), False),
        (time(0, 0), time(23, 30), False),
        (time(1, 0), time(0, 30), False),
        (time(1, 0), time(1, 0), True),
        (time(16, 23), time(16, 33), True),
    ],
    ids=str,
)
def test_the_curfew_night_runs_from_the_curfew_to_five_in_the_morning(curfew, local, night):
    assert services.is_curfew_night(curfew, local) is night


def test_leaving_after_curfew_without_a_pass_is_due_back_at_once_not_tomorrow_night(client, harbor, home):
    stay = _resident(harbor, home, curfew=time(23, 0))
    manager = manager_of(home)
    late = datetime(2026, 6, 15, 23, 30, tzinfo=harbor.time_zone)
    with tenant_scope(harbor):
        sign_out = services.sign_out(stay=stay, residence=home, by=None, now=late)
        assert sign_out.due_back_at == late
        assert services.flag_if_overdue(sign_out=sign_out, now=late + timedelta(minutes=5)) is True
        assert Notification.objects.filter(recipient=manager, kind="governance.overdue_back").count() == 1


def test_the_curfew_is_read_on_the_homes_own_clock(harbor, home):
    with tenant_scope(harbor):
        home.time_zone = ZoneInfo("America/Denver")
        home.save()
    stay = _resident(harbor, home)  # the home's curfew: 23:00
    with tenant_scope(harbor):
        sign_out = services.sign_out(stay=stay, residence=home, by=None, now=datetime(2026, 6, 15, 12, 0, tzinfo=UTC))
        assert sign_out.due_back_at == datetime(2026, 6, 15, 23, 0, tzinfo=ZoneInfo("America/Denver"))
