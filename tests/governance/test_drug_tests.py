"""Drug and alcohol tests: random draws re-checkable from their seed, at the home's rate, once per home and day; a
rate above twice a week needs a reason; a positive for a prescribed substance is not a return to use; a positive
or a refusal starts the home's response steps; results are a sensitive class, and every view is audited."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from governance.drug_tests import services as drug_test_services
from governance.drug_tests.models import DrugTest, RandomDraw
from governance.drug_tests.tasks import draw_random_tests
from recovery.audit.models import AuditEvent
from recovery.models import Role
from recovery.tenancy import tenant_scope
from residents.medications import services as medications_services
from tests.clock import house_today
from tests.governance.builders import make_drug_test
from tests.recovery.builders import make_member
from tests.residences.builders import home_of_stay, manager_of, resident_stay

pytestmark = pytest.mark.django_db


def home_with_residents(org, count=3):
    first = resident_stay(org)
    home = home_of_stay(first)
    return home, [first] + [resident_stay(org, residence=home) for _ in range(count - 1)]


def test_random_draw_is_reproducible_from_its_seed(harbor, in_scope):
    home, stays = home_with_residents(harbor, 5)
    with in_scope(harbor):
        home.random_tests_per_month = Decimal("8.00")
        home.save()
        draw = drug_test_services.draw_random_tests(residence=home, day=house_today())
        assert draw.pool == sorted(stay.resident.pk for stay in stays)
        assert drug_test_services.verify_draw(draw)
        again = drug_test_services.pick(
            seed=draw.seed, pool=list(reversed(draw.pool)), rate_per_month=draw.rate_per_month
        )
        assert again == draw.picks
        assert sorted(DrugTest.objects.filter(draw=draw).values_list("resident_id", flat=True)) == draw.picks
        draw.picks = [pk for pk in draw.pool if pk not in draw.picks] or draw.pool[:1] + draw.pool[:1]
        assert not drug_test_services.verify_draw(draw)  # a tampered record fails the re-check


def test_random_draws_hold_the_homes_rate_over_many_days():
    pool = list(range(1, 21))
    rate = Decimal("4.00")
    days = 3650
    picked = sum(
        len(drug_test_services.pick(seed=f"seed-{day}", pool=pool, rate_per_month=rate)) for day in range(days)
    )
    per_resident_per_month = picked / len(pool) / days * float(drug_test_services.DAYS_PER_MONTH)
    assert per_resident_per_month == pytest.approx(4.0, rel=0.05)


def test_random_draws_hold_a_fractional_rate_for_a_small_home():
    pool = [7, 9]
    picked = sum(
        len(drug_test_services.pick(seed=str(day), pool=pool, rate_per_month=Decimal("1.5"))) for day in range(20000)
    )
    assert picked / len(pool) / 20000 * float(drug_test_services.DAYS_PER_MONTH) == pytest.approx(1.5, rel=0.08)


def test_a_home_is_drawn_once_per_day_even_when_the_task_runs_twice(harbor, in_scope):
    home, _ = home_with_residents(harbor, 3)
    day = house_today().isoformat()
    first, second = draw_random_tests(home.pk, on=day), draw_random_tests(home.pk, on=day)
    assert first == second
    with in_scope(harbor):
        assert RandomDraw.objects.filter(residence=home).count() == 1


def test_a_rate_above_twice_a_week_is_refused_without_a_reason(harbor, in_scope):
    home, _ = home_with_residents(harbor, 1)
    with in_scope(harbor):
        assert not drug_test_services.rate_needs_reason(Decimal("8.60"))  # 1.98 a week
        assert drug_test_services.rate_needs_reason(Decimal("8.70"))  # 2.01 a week
        with pytest.raises(drug_test_services.TestingProblem):
            drug_test_services.set_random_rate(residence=home, rate_per_month=Decimal("10"))
        home.refresh_from_db()
        assert home.random_tests_per_month == Decimal("2.00")
        drug_test_services.set_random_rate(residence=home, rate_per_month=Decimal("10"), reason="Court-ordered")
        home.refresh_from_db()
        assert home.random_tests_per_month == Decimal("10.00")


def test_a_draw_is_refused_at_a_high_rate_without_a_recorded_reason(harbor, in_scope):
    home, _ = home_with_residents(harbor, 1)
    with in_scope(harbor):
        home.random_tests_per_month = Decimal("12.00")  # set elsewhere, without a reason
        home.save()
    assert draw_random_tests(home.pk, on=house_today().isoformat()) is None


def test_the_policy_page_asks_for_a_reason_above_twice_a_week(client, harbor):
    home, _ = home_with_residents(harbor, 1)
    client.force_login(manager_of(home))
    url = reverse("governance:drug_testing_policy", args=[home.pk])
    response = client.post(url, {"rate_per_month": "12", "reason": ""})
    assert response.status_code == 200 and "twice a week" in response.content.decode()
    assert client.post(url, {"rate_per_month": "12", "reason": "Drug court asks for it"}).status_code == 302


def test_a_prescribed_buprenorphine_positive_is_not_a_return_to_use(harbor, in_scope):
    stay = resident_stay(harbor)
    test = make_drug_test(harbor, stay=stay)
    with in_scope(harbor):
        medications_services.add_medication(
            resident=stay.resident, name="Suboxone 8 mg", prescriber="Dr. Lee", mat_kind="buprenorphine"
        )
        test = drug_test_services.record_results(
            test=test, results={"buprenorphine": "positive", "opioids": "negative"}, by=None
        )
        assert drug_test_services.is_return_to_use(test) is False
        assert test.return_to_use is False
        assert not test.response_steps.exists()


def test_an_unprescribed_positive_is_a_return_to_use_and_starts_the_response(harbor, in_scope):
    stay = resident_stay(harbor)
    test = make_drug_test(harbor, stay=stay)
    with in_scope(harbor):
        medications_services.add_medication(
            resident=stay.resident, name="Buprenorphine", prescriber="Dr. Lee", mat_kind="buprenorphine"
        )
        test = drug_test_services.record_results(
            test=test, results={"buprenorphine": "positive", "fentanyl": "positive"}, by=None
        )
        assert test.return_to_use is True
        assert [step.kind for step in test.response_steps.all()] == ["safety", "plan_review", "referral"]
        assert not stay.resident.violations.exists()  # the ladder only where the home's policy says


def test_a_stopped_prescription_no_longer_explains_a_positive(harbor, in_scope):
    stay = resident_stay(harbor)
    test = make_drug_test(harbor, stay=stay)
    with in_scope(harbor):
        medication = medications_services.add_medication(resident=stay.resident, name="Xanax", prescriber="Dr. Lee")
        medication.stopped_on = house_today() - timezone.timedelta(days=30)
        medication.save()
        test = drug_test_services.record_results(test=test, results={"benzodiazepines": "positive"}, by=None)
        assert test.return_to_use is True


def test_a_refusal_starts_the_response_and_the_ladder_by_default(harbor, in_scope):
    stay = resident_stay(harbor)
    test = make_drug_test(harbor, stay=stay)
    with in_scope(harbor):
        test = drug_test_services.record_results(test=test, results={"alcohol": "refused"}, by=None)
        assert test.return_to_use is False
        kinds = [step.kind for step in test.response_steps.all()]
        assert kinds == ["safety", "plan_review", "referral", "ladder"]
        violation = stay.resident.violations.get()
        assert violation.source == "drug_test"


def test_the_resident_sees_their_results_and_every_response_step(client, harbor, in_scope):
    stay = resident_stay(harbor)
    test = make_drug_test(harbor, stay=stay)
    with in_scope(harbor):
        drug_test_services.record_results(test=test, results={"cocaine": "positive"}, by=None)
    client.force_login(stay.resident.user)
    page = client.get(reverse("governance:my_accountability")).content.decode()
    assert "Cocaine: Positive" in page and "Safety first" in page and "higher level of care" in page
    assert client.get(reverse("governance:drug_test_detail", args=[test.pk])).status_code == 200


def test_results_are_sensitive_a_coach_cannot_see_them_and_views_are_audited(client, harbor, in_scope):
    stay = resident_stay(harbor)
    test = make_drug_test(harbor, stay=stay)
    url = reverse("governance:drug_test_detail", args=[test.pk])
    client.force_login(make_member(harbor, Role.COACH))
    assert client.get(url).status_code == 403
    client.force_login(resident_stay(harbor).resident.user)  # another resident
    assert client.get(url).status_code == 403
    client.force_login(manager_of(home_of_stay(stay)))
    assert client.get(url).status_code == 200
    with in_scope(harbor):
        assert AuditEvent.objects.filter(
            action="view", object_type="governance.drugtest", object_id=str(test.pk)
        ).exists()


def test_the_test_list_queries_do_not_grow_with_tests(client, harbor):
    home, stays = home_with_residents(harbor, 2)
    client.force_login(manager_of(home))
    url = reverse("governance:drug_test_list")

    def count():
        client.get(url)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    make_drug_test(harbor, stay=stays[0])
    few = count()
    for _ in range(4):
        with tenant_scope(harbor):
            drug_test_services.record_results(
                test=make_drug_test(harbor, stay=stays[1]), results={"alcohol": "negative"}, by=None
            )
    assert count() == few


def test_a_real_celery_worker_draws_each_home_once_and_reminds_once_when_the_dispatcher_runs_twice(
    harbor, cedar, start_celery_worker
):
    from celery.result import AsyncResult

    from governance.accountability.tasks import accountability_dispatch
    from governance.incidents import services as incident_services
    from recovery.notifications.models import Notification
    from recovery.tenancy import scopes_disabled
    from tests.governance.builders import make_incident

    harbor_home, _ = home_with_residents(harbor, 2)
    cedar_home, _ = home_with_residents(cedar, 1)
    owner = make_member(harbor, Role.HOUSE_MANAGER)
    incident = make_incident(harbor)
    with tenant_scope(harbor):
        incident_services.add_action(
            incident=incident,
            description="Fix the lock",
            owner=owner,
            due_on=house_today() - timezone.timedelta(days=1),
        )
    queue = start_celery_worker()
    for _run in range(2):
        for task_id in accountability_dispatch.apply_async(kwargs={"queue": queue}, queue=queue).get(timeout=60):
            AsyncResult(task_id).get(timeout=60)
    with scopes_disabled():
        draws = list(RandomDraw.objects.values_list("organization_id", "residence_id"))
        reminders = Notification.objects.filter(kind="incident.action_due", recipient=owner).count()
    # make_incident's resident lives in a home of their own, which is drawn too: one draw per home, never two.
    assert len(draws) == len(set(draws)) == 3
    assert {(harbor.pk, harbor_home.pk), (cedar.pk, cedar_home.pk)} <= set(draws)
    assert reminders == 1


def test_the_policy_page_says_draws_are_paused_when_a_high_rate_has_no_reason(client, harbor, in_scope):
    home, _ = home_with_residents(harbor, 1)
    with in_scope(harbor):
        home.random_tests_per_month = Decimal("12.00")
        home.save()
    client.force_login(manager_of(home))
    page = client.get(reverse("governance:drug_testing_policy", args=[home.pk])).content.decode()
    assert "Random draws are paused" in page


def test_the_old_address_answers_with_a_permanent_redirect_when_someone_kept_a_bookmark(client):
    response = client.get("/house/tests/")
    assert response.status_code == 301
    assert response["Location"] == "/house/drug-tests/"
