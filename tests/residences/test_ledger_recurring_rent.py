"""Recurring rent: each stay's rent posts once per period, however often the tasks run, on the terms the
resident signed; the unpaid-balance dispatcher opens steps across homes and organizations."""

from datetime import date, timedelta
from decimal import Decimal
from unittest import mock

import pytest

from recovery.audit.models import AuditEvent
from recovery.tenancy import organization_today, scopes_disabled, tenant_scope
from residences.ledger import services, tasks
from residences.models import LedgerEntry, NonPaymentStep
from residences.stays.services import move_out
from tests.residences.builders import home_of_stay, make_stay, sign_disclosure

pytestmark = pytest.mark.django_db

D = Decimal


@pytest.fixture
def today(harbor):
    with tenant_scope(harbor):
        return organization_today()


@pytest.fixture
def eager_celery():
    """Queued tasks run in this process, as a worker would run them, without a broker."""
    from recovery.celery import app

    with mock.patch.dict(app.conf, {"task_always_eager": True, "task_eager_propagates": True}):
        yield


def rent_entries(organization):
    with tenant_scope(organization):
        return list(LedgerEntry.objects.filter(category="rent").order_by("posted_on", "pk"))


@pytest.mark.parametrize(
    ("rent_period", "day", "key", "starts_on", "ends_on"),
    [
        ("weekly", date(2026, 11, 26), "rent:2026-W48", date(2026, 11, 23), date(2026, 11, 30)),
        ("weekly", date(2027, 1, 1), "rent:2026-W53", date(2026, 12, 28), date(2027, 1, 4)),
        ("monthly", date(2026, 11, 30), "rent:2026-11", date(2026, 11, 1), date(2026, 12, 1)),
        ("monthly", date(2026, 12, 31), "rent:2026-12", date(2026, 12, 1), date(2027, 1, 1)),
    ],
)
def test_a_rent_period_has_one_key_for_every_day_in_it(rent_period, day, key, starts_on, ends_on):
    period = services.rent_period_containing(rent_period=rent_period, day=day)
    assert (period.key, period.starts_on, period.ends_on) == (key, starts_on, ends_on)
    last_day = services.rent_period_containing(rent_period=rent_period, day=ends_on - timedelta(days=1))
    assert last_day.key == key


def test_recurring_rent_posts_once_per_stay_and_period_when_run_twice(harbor, today):
    stay = make_stay(harbor, rent=D("175.00"))
    neighbour = make_stay(harbor, rent=D("160.00"), residence=home_of_stay(stay))
    with tenant_scope(harbor):
        first = services.post_recurring_rent(residence=home_of_stay(stay), on=today)
        second = services.post_recurring_rent(residence=home_of_stay(stay), on=today)

    assert len(first.posted) == 2 and second.posted == [] and second.already_posted == 2
    entries = rent_entries(harbor)
    assert sorted((e.stay_id, e.amount) for e in entries) == sorted(
        [(stay.pk, D("175.00")), (neighbour.pk, D("160.00"))]
    )
    period = services.rent_period_containing(rent_period="weekly", day=today)
    assert {e.period_key for e in entries} == {period.key}
    assert {e.description for e in entries} == {period.label}


def test_recurring_rent_posts_again_in_the_next_period(harbor, today):
    stay = make_stay(harbor)
    last_week = today - timedelta(days=7)
    with tenant_scope(harbor):
        services.post_recurring_rent(residence=home_of_stay(stay), on=last_week)
        services.post_recurring_rent(residence=home_of_stay(stay), on=last_week + timedelta(days=1))
        services.post_recurring_rent(residence=home_of_stay(stay), on=today)
        assert services.balance_for(stay) == D("350.00")
    assert len(rent_entries(harbor)) == 2


def test_recurring_rent_skips_a_resident_who_has_not_signed_and_reports_them(harbor, today):
    stay = make_stay(harbor, signed=False)
    with tenant_scope(harbor):
        run = services.post_recurring_rent(residence=home_of_stay(stay), on=today)
    assert run.posted == [] and run.waiting_for_signature == [stay.pk]
    assert rent_entries(harbor) == []


def test_recurring_rent_charges_the_terms_the_resident_signed_not_a_later_policy(harbor, today):
    stay = make_stay(harbor, rent=D("175.00"), rent_period="weekly")
    residence = home_of_stay(stay)
    with tenant_scope(harbor):
        residence.rent_amount = D("195.00")
        residence.save()
        services.post_recurring_rent(residence=residence, on=today)

    week = services.rent_period_containing(rent_period="weekly", day=today)
    assert [(e.amount, e.period_key) for e in rent_entries(harbor)] == [(D("175.00"), week.key)]


def test_new_terms_signed_mid_period_charge_only_the_days_not_charged_yet(harbor, today):
    # Weekly rent for two weeks of a past month; monthly terms signed in the middle of it.
    month = (today.replace(day=1) - timedelta(days=40)).replace(day=1)
    next_month = services.rent_period_containing(rent_period="monthly", day=month).ends_on
    days_in_month = (next_month - month).days
    first_monday = month + timedelta(days=-month.weekday() % 7)
    stay = make_stay(harbor, move_in=month, rent=D("175.00"), rent_period="weekly")
    with tenant_scope(harbor):
        services.post_recurring_rent(residence=home_of_stay(stay), on=first_monday)
        services.post_recurring_rent(residence=home_of_stay(stay), on=first_monday + timedelta(days=7))
    sign_disclosure(stay, rent=D("700.00"), rent_period="monthly")
    with tenant_scope(harbor):
        this_month = services.post_rent_for_stay(stay=stay, on=first_monday + timedelta(days=9))
        again = services.post_rent_for_stay(stay=stay, on=first_monday + timedelta(days=10))
        coming_month = services.post_rent_for_stay(stay=stay, on=next_month)
        charged = services.days_charged(resident_id=stay.resident_id, starts_on=month, ends_on=next_month)

    assert this_month[1] == "posted" and again[1] == "already_posted" and coming_month[1] == "posted"
    # Every day of the month charged exactly once: the weeks, then the days around them by the monthly day rate.
    assert charged == {month + timedelta(days=n): 1 for n in range(days_in_month)}
    before = (first_monday - month).days
    after = (next_month - (first_monday + timedelta(days=14))).days
    monthly = [
        (e.covers_from, e.amount) for e in rent_entries(harbor) if e.period_key.startswith(f"rent:{month:%Y-%m}")
    ]
    expected = [
        (day, services.rent_for_days(rent=D("700.00"), days=days, period_days=days_in_month))
        for day, days in ((month, before), (first_monday + timedelta(days=14), after))
        if days
    ]
    assert sorted(monthly) == sorted(expected)
    assert rent_entries(harbor)[-1].amount == D("700.00")


def test_a_missed_earlier_week_can_still_be_posted_after_a_later_one(harbor, today):
    stay = make_stay(harbor)
    with tenant_scope(harbor):
        services.post_rent_for_stay(stay=stay, on=today)
        entry, outcome = services.post_rent_for_stay(stay=stay, on=today - timedelta(days=14))
    assert outcome == "posted" and entry.amount == D("175.00")


def test_recurring_rent_leaves_out_moved_out_stays_and_other_homes(harbor, today):
    stay = make_stay(harbor)
    gone = make_stay(harbor, residence=home_of_stay(stay))
    elsewhere = make_stay(harbor)
    with tenant_scope(harbor):
        move_out(stay=gone, on=today - timedelta(days=1), reason="completed")
        run = services.post_recurring_rent(residence=home_of_stay(stay), on=today)
    assert [entry.stay_id for entry in run.posted] == [stay.pk]
    assert elsewhere.pk not in {entry.stay_id for entry in rent_entries(harbor)}


def test_no_rent_is_charged_when_the_signed_rent_is_zero(harbor, today):
    stay = make_stay(harbor, rent=D("0.00"))
    with tenant_scope(harbor):
        run = services.post_recurring_rent(residence=home_of_stay(stay), on=today)
    assert run.no_rent == 1 and rent_entries(harbor) == []


def test_the_rent_task_posts_in_the_homes_organization_and_names_itself_in_the_audit_log(harbor, today):
    stay = make_stay(harbor)
    tasks.post_recurring_rent(home_of_stay(stay).pk, today.isoformat())
    tasks.post_recurring_rent(home_of_stay(stay).pk, today.isoformat())

    entries = rent_entries(harbor)
    assert len(entries) == 1 and entries[0].organization_id == harbor.pk
    with scopes_disabled():
        event = AuditEvent.objects.filter(object_type="residences.ledgerentry", action="create").get()
    assert event.actor_label == "residences.post_recurring_rent" and event.organization_id == harbor.pk


def test_the_rent_task_answers_missing_for_a_home_that_is_gone():
    assert tasks.post_recurring_rent(987654) == {"status": "missing"}


def test_the_rent_dispatcher_queues_one_run_per_home_across_organizations(harbor, cedar):
    homes = {home_of_stay(make_stay(harbor)).pk, home_of_stay(make_stay(cedar)).pk}
    with mock.patch.object(tasks.post_recurring_rent, "delay") as delay:
        assert tasks.post_recurring_rent_dispatch() == 2
    assert {call.args[0] for call in delay.call_args_list} == homes


def test_running_the_rent_dispatcher_twice_posts_each_rent_once(harbor, cedar, eager_celery):
    make_stay(harbor)
    make_stay(harbor)
    make_stay(cedar)

    tasks.post_recurring_rent_dispatch()
    tasks.post_recurring_rent_dispatch()

    assert len(rent_entries(harbor)) == 2 and len(rent_entries(cedar)) == 1


def test_the_unpaid_balance_dispatcher_opens_steps_in_every_organization_once_a_day(harbor, cedar, eager_celery):
    for organization in (harbor, cedar):
        stay = make_stay(organization)
        with tenant_scope(organization):
            services.post_charge(
                stay=stay, category="rent", amount=D("175.00"), posted_on=organization_today() - timedelta(3)
            )

    assert tasks.advance_nonpayment_steps_dispatch() == 2
    tasks.advance_nonpayment_steps_dispatch()

    with scopes_disabled():
        steps = list(NonPaymentStep.objects.values_list("organization_id", "step"))
    assert sorted(steps) == sorted([(harbor.pk, "reminder"), (cedar.pk, "reminder")])
