"""Chores: the home's list, a fair weekly rotation turned once per home per week, done / checked / missed."""

from collections import Counter
from datetime import date, timedelta

import pytest
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from governance.chores import selectors as chore_selectors
from governance.chores import services as chore_services
from governance.chores.models import Chore, ChoreAssignment, ChoreWeek
from governance.chores.tasks import turn_chore_week, turn_chore_weeks_dispatch
from recovery.models import Role
from recovery.tenancy import tenant_scope
from residences.stays.services import move_out
from tests.recovery.builders import make_member
from tests.residences.builders import admit, make_home, manager_of

pytestmark = pytest.mark.django_db

MONDAY = date(2026, 11, 2)


@pytest.fixture
def home(harbor):
    return make_home(harbor, name="Maple House", beds=("A", "B", "C", "D", "E"))


def _residents(harbor, home, count, on=date(2020, 1, 1)):
    names = ["Ana", "Ben", "Cal", "Dee", "Eli"]
    return [
        admit(home, first_name=names[i], last_name="Test", move_in=on, user=make_member(harbor, Role.RESIDENT))
        for i in range(count)
    ]


def _chores(harbor, home, names):
    with tenant_scope(harbor):
        return [chore_services.add_chore(residence=home, name=name, frequency="weekly") for name in names]


@pytest.mark.parametrize(("people", "chores"), [(3, 3), (4, 2), (2, 5), (5, 3)])
def test_each_resident_gets_each_chore_within_one_over_many_weeks(harbor, home, people, chores):
    stays = _residents(harbor, home, people)
    _chores(harbor, home, ["Dishes", "Floors", "Trash", "Bathroom", "Yard"][:chores])
    weeks = 13  # not a whole number of rounds: each chore still within one
    with tenant_scope(harbor):
        for week in range(weeks):
            assert chore_services.turn_week(residence=home, today=MONDAY + timedelta(weeks=week, days=2))
        counts = Counter(ChoreAssignment.objects.values_list("resident_id", "chore_id"))
        per_resident = Counter(ChoreAssignment.objects.values_list("resident_id", flat=True))
        for chore in Chore.objects.all():
            got = [counts[(stay.resident_id, chore.pk)] for stay in stays]
            assert max(got) - min(got) <= 1, got
    if weeks % people == 0:
        assert max(per_resident.values()) == min(per_resident.values())


def test_over_whole_rounds_everyone_does_every_chore_equally(harbor, home):
    stays = _residents(harbor, home, 4)
    _chores(harbor, home, ["Dishes", "Floors"])
    with tenant_scope(harbor):
        for week in range(8):
            chore_services.turn_week(residence=home, today=MONDAY + timedelta(weeks=week))
        counts = Counter(ChoreAssignment.objects.values_list("resident_id", "chore_id"))
    assert set(counts.values()) == {2} and len(counts) == 8 and {r for r, _ in counts} == {s.resident_id for s in stays}


def test_a_newcomer_joins_the_rotation_the_next_week(harbor, home):
    _residents(harbor, home, 2)
    _chores(harbor, home, ["Dishes", "Floors", "Trash"])
    with tenant_scope(harbor):
        chore_services.turn_week(residence=home, today=MONDAY)
    newcomer = admit(home, first_name="Neo", last_name="Test", move_in=MONDAY + timedelta(days=3))
    with tenant_scope(harbor):
        for week in range(1, 4):
            chore_services.turn_week(residence=home, today=MONDAY + timedelta(weeks=week))
        assert ChoreAssignment.objects.filter(resident=newcomer.resident).count() >= 2


def test_the_week_turns_once_when_run_again(harbor, home):
    _residents(harbor, home, 3)
    _chores(harbor, home, ["Dishes", "Floors"])
    with tenant_scope(harbor):
        assert chore_services.turn_week(residence=home, today=MONDAY) is not None
        assert chore_services.turn_week(residence=home, today=MONDAY + timedelta(days=4)) is None
        assert ChoreWeek.objects.count() == 1 and ChoreAssignment.objects.count() == 2


def test_the_database_refuses_a_second_week_for_the_same_home(harbor, home):
    with tenant_scope(harbor):
        ChoreWeek.objects.create(residence=home, week_of=MONDAY, turn=0)
        with pytest.raises(IntegrityError), transaction.atomic():
            ChoreWeek.objects.create(residence=home, week_of=MONDAY, turn=1)


def test_the_task_turns_each_home_once_under_repeated_runs(harbor, home):
    _residents(harbor, home, 2)
    _chores(harbor, home, ["Dishes"])
    assert turn_chore_week(home.pk) is True
    assert turn_chore_week(home.pk) is False
    with tenant_scope(harbor):
        assert ChoreWeek.objects.count() == 1


def test_a_real_celery_worker_turns_the_week_once_when_the_dispatcher_runs_twice(start_celery_worker, harbor, home):
    _residents(harbor, home, 2)
    _chores(harbor, home, ["Dishes", "Floors"])
    queue = start_celery_worker()
    from celery.result import AsyncResult

    for _ in range(2):
        ids = turn_chore_weeks_dispatch.apply_async(kwargs={"queue": queue}, queue=queue).get(timeout=60)
        for task_id in ids:
            AsyncResult(task_id).get(timeout=60)
    with tenant_scope(harbor):
        assert ChoreWeek.objects.filter(residence=home).count() == 1
        assert ChoreAssignment.objects.count() == 2


def _week(harbor, home):
    stays = _residents(harbor, home, 2)
    _chores(harbor, home, ["Dishes", "Floors"])
    with tenant_scope(harbor):
        week = chore_services.turn_week(residence=home, today=MONDAY)
        return stays, list(week.assignments.select_related("resident__user"))


def test_a_resident_marks_their_chore_done_and_the_manager_checks_it(client, harbor, home):
    _stays, assignments = _week(harbor, home)
    mine = assignments[0]
    client.force_login(mine.resident.user)
    assert client.post(reverse("governance:chore_done", args=[mine.pk])).status_code == 302
    other = assignments[1]
    assert client.post(reverse("governance:chore_done", args=[other.pk])).status_code == 403
    client.force_login(manager_of(home))
    client.post(reverse("governance:chore_check", args=[mine.pk]))
    with tenant_scope(harbor):
        mine.refresh_from_db()
        assert mine.done_at and mine.checked_at


def test_only_the_chore_coordinator_among_residents_may_check_or_record_a_miss(client, harbor, home, monkeypatch):
    _stays, assignments = _week(harbor, home)
    coordinator, target = assignments[0].resident.user, assignments[1]
    client.force_login(coordinator)
    assert client.post(reverse("governance:chore_missed", args=[target.pk])).status_code == 403
    monkeypatch.setattr(
        "governance.officers.selectors.holds_office", lambda user, residence, *offices: user == coordinator
    )
    assert client.post(reverse("governance:chore_missed", args=[target.pk]), {"note": "no-show"}).status_code == 302
    with tenant_scope(harbor):
        target.refresh_from_db()
        assert target.missed_at and target.missed_note == "no-show"


def test_my_chores_lists_this_weeks_chores_for_the_resident(harbor, home):
    _stays, assignments = _week(harbor, home)
    with tenant_scope(harbor):
        mine = chore_selectors.my_chores(assignments[0].resident, MONDAY + timedelta(days=3))
        assert [a.pk for a in mine] == [assignments[0].pk]
        assert chore_selectors.my_chores(assignments[0].resident, MONDAY + timedelta(days=7)) == []


def test_the_chore_page_query_count_does_not_grow_with_history(client, harbor, home):
    _residents(harbor, home, 3)
    _chores(harbor, home, ["Dishes", "Floors", "Trash"])
    client.force_login(manager_of(home))
    url = reverse("governance:chore_house", args=[home.pk])

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    with tenant_scope(harbor):
        chore_services.turn_week(residence=home, today=MONDAY)
    count()  # the first request of a session looks a few things up once
    small = count()
    with tenant_scope(harbor):
        for week in range(1, 8):
            chore_services.turn_week(residence=home, today=MONDAY + timedelta(weeks=week))
    assert count() == small


def test_pages_render_for_resident_and_manager(client, harbor, home):
    _stays, assignments = _week(harbor, home)
    client.force_login(assignments[0].resident.user)
    assert client.get(reverse("governance:chore_mine")).status_code == 200
    assert client.get(reverse("governance:chore_house", args=[home.pk])).status_code == 200
    client.force_login(manager_of(home))
    assert client.get(reverse("governance:chore_mine")).status_code == 200
    response = client.post(reverse("governance:chore_house", args=[home.pk]), {"name": "Yard", "frequency": "weekly"})
    assert response.status_code == 302


def test_the_demo_seeds_chores_passes_and_a_treasury_in_both_organizations_once():
    from django.core.management import call_command

    from governance.passes.models import OverdueFlag, Pass
    from governance.treasury.models import TreasuryAudit, TreasuryExpense
    from recovery.models import Organization

    call_command("seed_demo", force=True)
    call_command("seed_demo", force=True)
    for slug in ("harbor-light", "cedar-path"):
        organization = Organization.objects.get(slug=slug)
        with tenant_scope(organization):
            assert ChoreWeek.objects.exists() and ChoreAssignment.objects.filter(checked_at__isnull=False).exists()
            assert Pass.objects.filter(status="approved").exists() and OverdueFlag.objects.count() >= 1
            assert TreasuryExpense.objects.count() == 4
            assert TreasuryAudit.objects.filter(completed_at__isnull=False).count() == 1


def test_a_missed_chore_can_enter_the_consequence_ladder(client, harbor, home):
    from governance.models import Violation

    _stays, assignments = _week(harbor, home)
    first, second = assignments
    client.force_login(manager_of(home))
    client.post(reverse("governance:chore_missed", args=[first.pk]), {"note": "Left the dishes"})
    client.post(reverse("governance:chore_missed", args=[second.pk]), {"ladder": "on"})
    with tenant_scope(harbor):
        assert not Violation.objects.filter(resident=first.resident).exists()
        violation = Violation.objects.get(resident=second.resident)
        assert violation.source == "chore" and second.chore.name in violation.evidence


# --- The rotation keeps its place when the roster changes (issue 14, item 6) ----------------------------------


def _holders(harbor, week):
    with tenant_scope(harbor):
        return dict(ChoreAssignment.objects.filter(week=week).values_list("chore__name", "resident_id"))


def test_when_the_first_resident_leaves_nobody_keeps_last_weeks_chore(harbor, home):
    """The replayed report: four residents, four chores, weekly turns; the first resident leaves before week 6;
    in week 6 three residents got the same chore as in week 5. Each chore now moves on from its last holder."""
    stays = _residents(harbor, home, 4)
    _chores(harbor, home, ["Bathroom", "Dishes", "Floors", "Trash"])
    with tenant_scope(harbor):
        weeks = [chore_services.turn_week(residence=home, today=MONDAY + timedelta(weeks=n)) for n in range(5)]
        move_out(stay=stays[0], on=MONDAY + timedelta(weeks=5) - timedelta(days=2), reason="completed")
        weeks.append(chore_services.turn_week(residence=home, today=MONDAY + timedelta(weeks=5)))
    week5, week6 = _holders(harbor, weeks[4]), _holders(harbor, weeks[5])
    assert stays[0].resident_id not in week6.values()
    assert [chore for chore, holder in week6.items() if week5[chore] == holder] == []
    assert sorted(Counter(week6.values()).values()) == [1, 1, 2]  # four chores for three: one does two


def test_the_deal_resumes_after_a_leaver_and_a_newcomer_is_dealt_in_move_in_order(harbor, home):
    stays = _residents(harbor, home, 4)
    _chores(harbor, home, ["Dishes"])
    with tenant_scope(harbor):
        first = chore_services.turn_week(residence=home, today=MONDAY)  # Ana
        second = chore_services.turn_week(residence=home, today=MONDAY + timedelta(weeks=1))  # Ben
        move_out(stay=stays[1], on=MONDAY + timedelta(weeks=2), reason="completed")
    newcomer = admit(home, first_name="Neo", last_name="Test", move_in=MONDAY + timedelta(weeks=2))
    with tenant_scope(harbor):
        later = [chore_services.turn_week(residence=home, today=MONDAY + timedelta(weeks=n)) for n in range(2, 7)]
    order = [next(iter(_holders(harbor, week).values())) for week in (first, second, *later)]
    ana, ben, cal, dee, neo = (*[stay.resident_id for stay in stays], newcomer.resident_id)
    assert order == [ana, ben, cal, dee, neo, ana, cal]


def test_the_house_chores_page_says_how_the_rotation_works(client, harbor, home):
    _week(harbor, home)
    client.force_login(manager_of(home))
    page = client.get(reverse("governance:chore_house", args=[home.pk])).content.decode()
    assert "the rotation carries on where it was" in page and "within one of each other" in page
