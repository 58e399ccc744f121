"""Every scheduled occurrence writes its key and its notification atomically: nothing lost, nothing twice.

A task that notifies once per occurrence (a sign-out overdue, a review due, a day's draw...) keeps a unique key
in the database. If the key committed without the notification, a failure in between (the database blinking, a
worker dying) would leave the key and no notification, and every retry would find the key and do nothing. So
for each such task this suite makes the first notification fail once, runs the task (it fails), runs it again
(the retry) and counts exactly one notification. A task registered with Celery that is in neither list below
fails the suite: a new task must be taught here, with a scenario or a reason.
"""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.db import OperationalError
from django.db.models.signals import post_save
from django.utils import timezone

from recovery.models import Role
from recovery.notifications.models import Notification
from recovery.tenancy import organization_today, scopes_disabled, tenant_scope
from tests.recovery.builders import make_member
from tests.residences.builders import admit, home_of_stay, make_home, make_stay, manager_of, resident_stay

# Tasks that notify nobody themselves: dispatchers only queue ids; the others write no notification.
NOT_A_NOTIFYING_OCCURRENCE = {
    "recovery.ping": "echoes a token; touches no data",
    "recovery.heartbeat": "writes the scheduler's heartbeat time to the locks store; no tenant data, nobody notified",
    "recovery.forget_old_form_submissions": "deletes one-time form tokens older than two days; notifies nobody",
    "api.forget_old_idempotency_keys": "deletes the API's Idempotency-Keys older than a week; notifies nobody",
    "notifications.deliver": "sends an existing notification's email or SMS (at most once: test_notifications.py)",
    "notifications.dispatch_due_deliveries": "dispatcher: queues due delivery ids",
    "webhooks.deliver": "one attempt at a webhook delivery; its one notice (the endpoint turned off) commits with the "
    "turning off, which happens once (test_webhooks.py)",
    "webhooks.dispatch_due_deliveries": "dispatcher: queues due webhook delivery ids",
    "residences.certification_reminders": "dispatcher: queues residences.send_certification_reminder",
    "residences.post_recurring_rent_dispatch": "dispatcher: queues residences.post_recurring_rent",
    "residences.post_recurring_rent": "posts ledger entries; notifies nobody",
    "residences.advance_nonpayment_steps": "dispatcher: queues residences.advance_nonpayment_steps_for_residence",
    "residents.create_due_reviews_dispatch": "dispatcher: queues residents.create_due_reviews_for_stay",
    "peer_support.check_in_dispatch": "dispatcher: queues peer_support.check_in_occurrence",
    "governance.schedule_meetings_dispatch": "dispatcher: queues governance.schedule_meetings_for_home",
    "governance.schedule_meetings_for_home": "puts meetings on the calendar; notifies nobody",
    "governance.accountability_dispatch": "dispatcher: queues reminders and draws",
    "governance.flag_overdue_back_dispatch": "dispatcher: queues governance.flag_overdue_back",
    "governance.turn_chore_weeks_dispatch": "dispatcher: queues governance.turn_chore_week",
    "governance.turn_chore_week": "assigns the week's chores; notifies nobody",
}


# --- One scenario per notifying task: build what makes it due, return (run the task, the kind, how many) ---------


def _overdue_back(org, monkeypatch):
    from governance.passes import services as pass_services
    from governance.passes.tasks import flag_overdue_back
    from residents.phases.services import add_standard_phases

    home = make_home(org)
    with tenant_scope(org):
        add_standard_phases(residence=home)
    stay = admit(home, user=make_member(org, Role.RESIDENT), move_in=date(2020, 1, 1))
    manager_of(home)
    with tenant_scope(org):
        sign_out = pass_services.sign_out(stay=stay, residence=home, by=None, now=timezone.now() - timedelta(days=1))
    return lambda: flag_overdue_back(sign_out.pk), "governance.overdue_back", 1


def _progress_review(org, monkeypatch):
    from residents.reviews.tasks import create_due_reviews_for_stay

    stay = make_stay(org, move_in=date(2026, 9, 1))
    home = home_of_stay(stay)
    with tenant_scope(org):
        home.review_every_days, home.weekly_reviews_first_month = 30, True
        home.save()
    manager_of(home)
    # Weekly in the first month: the first review is due on 8 September, and only that one by then.
    return lambda: create_due_reviews_for_stay(stay.pk, on="2026-09-08"), "progress_review_due", 1


def _random_draw(org, monkeypatch):
    from governance.drug_tests import services as drug_test_services
    from governance.drug_tests.tasks import draw_random_tests

    stay = resident_stay(org)
    home = home_of_stay(stay)
    resident_stay(org, residence=home)
    with tenant_scope(org):
        home.random_tests_per_month = Decimal("4.00")
        home.save()
        day = organization_today().isoformat()
    manager_of(home)
    # The draw is random; the point here is its notice, so everyone in the pool is picked.
    monkeypatch.setattr(drug_test_services, "pick", lambda *, seed, pool, rate_per_month: list(pool))
    return lambda: draw_random_tests(home.pk, on=day), "drug_test.drawn", 1


def _treasury_audit(org, monkeypatch):
    from governance.treasury import services as treasury_services
    from governance.treasury.tasks import ask_for_treasury_audits

    home = make_home(org, level=1)
    admit(home, user=make_member(org, Role.RESIDENT), move_in=date(2020, 1, 1))
    manager_of(home)
    with tenant_scope(org):
        treasury_services.record_expense(residence=home, spent_on=date(2026, 10, 20), what="Soap", amount=Decimal("3"))
    monkeypatch.setattr("governance.treasury.tasks.home_today", lambda home: date(2026, 11, 2))
    return ask_for_treasury_audits, "governance.treasury_audit_due", 1


def _certification(org, monkeypatch):
    from residences.compliance import services as compliance_services
    from residences.compliance.tasks import send_certification_reminder

    today = timezone.localdate(timezone=org.time_zone)
    home = make_home(org, beds=(), certification_expires_on=today + timedelta(days=40))
    make_member(org, Role.ADMIN)
    return lambda: send_certification_reminder(home.pk), compliance_services.REMINDER_KIND, 1


def _self_care(org, monkeypatch):
    from residents.safety_plans import services as safety_plans_services
    from residents.safety_plans.tasks import self_care_reminders

    user = make_member(org, Role.STAFF)
    with tenant_scope(org):
        safety_plans_services.save_self_care_plan(user=user, today=date(2026, 1, 1), daily="Walk")
    return self_care_reminders, "self_care_review", 1


def _nonpayment(org, monkeypatch):
    from residences.ledger import services as ledger_services
    from residences.ledger.tasks import advance_nonpayment_steps_for_residence

    stay = make_stay(org, user=make_member(org, Role.RESIDENT))
    with tenant_scope(org):
        today = organization_today()
        ledger_services.post_charge(
            stay=stay, category="rent", amount=Decimal("175.00"), posted_on=today - timedelta(days=2)
        )
    home, on = home_of_stay(stay), today.isoformat()
    return lambda: advance_nonpayment_steps_for_residence(home.pk, on=on), "ledger.nonpayment.reminder", 1


def _check_in(kind: str, notification_kind: str):
    def scenario(org, monkeypatch):
        from peer_support.checkins.tasks import check_in_occurrence
        from tests.peer_support.builders import add_resident, make_peer_home

        home = make_peer_home(org)
        resident = add_resident(home, user=make_member(org, Role.RESIDENT))
        manager_of(home)
        with tenant_scope(org):
            stay, day = resident.stays.get(), organization_today().isoformat()
        return lambda: check_in_occurrence(kind, stay.pk, day), notification_kind, 1

    return scenario


def _grievance(org, monkeypatch):
    from governance.grievances.tasks import remind_grievance
    from tests.governance.builders import make_grievance

    stay = resident_stay(org)
    manager_of(home_of_stay(stay))
    grievance = make_grievance(org, stay=stay)
    return lambda: remind_grievance(grievance.pk, on=grievance.response_due_on.isoformat()), "grievance.due", 1


def _follow_up_action(org, monkeypatch):
    from governance.incidents import services as incident_services
    from governance.incidents.tasks import remind_action
    from tests.governance.builders import make_incident

    owner = make_member(org, Role.HOUSE_MANAGER)
    incident = make_incident(org)
    with tenant_scope(org):
        action = incident_services.add_action(
            incident=incident, description="Fix the lock", owner=owner, due_on=organization_today()
        )
        later = (organization_today() + timedelta(days=1)).isoformat()
    return lambda: remind_action(action.pk, on=later), "incident.action_due", 1


SCENARIOS = {
    "governance.flag_overdue_back": [_overdue_back],
    "residents.create_due_reviews_for_stay": [_progress_review],
    "governance.draw_random_tests": [_random_draw],
    "governance.ask_for_treasury_audits": [_treasury_audit],
    "residences.send_certification_reminder": [_certification],
    "residents.self_care_reminders": [_self_care],
    "residences.advance_nonpayment_steps_for_residence": [_nonpayment],
    "peer_support.check_in_occurrence": [
        _check_in("reminder", "check_in_reminder"),
        _check_in("missed", "check_in_missed"),
    ],
    "governance.remind_grievance": [_grievance],
    "governance.remind_follow_up_action": [_follow_up_action],
}

CASES = [
    pytest.param(scenario, id=f"{name}:{scenario.__qualname__.split('.')[0]}:{index}")
    for name, scenarios in SCENARIOS.items()
    for index, scenario in enumerate(scenarios)
]


def _hearth_tasks() -> set[str]:
    from recovery.celery import app

    app.loader.import_default_modules()
    # Celery's own tasks and those a test module registers for itself are not Hearth's.
    return {name for name in app.tasks if not name.startswith(("celery.", "tests."))}


def test_every_task_is_either_a_notifying_occurrence_with_a_scenario_or_says_why_not():
    tasks = _hearth_tasks()
    untaught = tasks - set(SCENARIOS) - set(NOT_A_NOTIFYING_OCCURRENCE)
    assert not untaught, f"Teach these tasks to {__name__}: a scenario if they notify, else a reason: {untaught}"
    assert not (set(SCENARIOS) | set(NOT_A_NOTIFYING_OCCURRENCE)) - tasks, "a listed task is no longer registered"
    assert not set(SCENARIOS) & set(NOT_A_NOTIFYING_OCCURRENCE)


def test_every_beat_entry_runs_a_registered_task(settings):
    assert {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()} <= _hearth_tasks()


class _FailFirstNotification:
    """Raise a database error right after the first notification row is written, as a blink between the key
    and the notification would; the writes of that transaction are then rolled back by whoever holds it."""

    def __init__(self):
        self.failed = False

    def __call__(self, sender, instance, created, **kwargs):
        if created and not self.failed:
            self.failed = True
            raise OperationalError("injected: the database went away while notifying")


@pytest.mark.parametrize("scenario", CASES)
def test_a_failure_while_notifying_is_retried_into_exactly_one_notification(harbor, monkeypatch, scenario):
    run, kind, expected = scenario(harbor, monkeypatch)
    failure = _FailFirstNotification()
    post_save.connect(failure, sender=Notification, weak=False)
    try:
        with pytest.raises(OperationalError):
            run()
    finally:
        post_save.disconnect(failure, sender=Notification)
    assert failure.failed
    with scopes_disabled():
        assert Notification.objects.filter(kind=kind).count() == 0, "a notification survived its failed transaction"
    run()  # the retry
    run()  # and a duplicate run, as a second beat would make
    with scopes_disabled():
        assert Notification.objects.filter(kind=kind).count() == expected
