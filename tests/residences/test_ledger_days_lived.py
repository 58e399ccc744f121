"""Rent follows the days lived (issue 14, fault 1): a part period is charged by the day unless the house chose
the full period, at move-out the days after are credited as the refund policy says, and no day is charged twice
to one person across stays, transfers and homes."""

import calendar
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.urls import reverse

from recovery.tenancy import organization_today, tenant_scope
from residences.ledger import services
from residences.ledger.models import RENT_RULE_TERMS
from residences.models import BedAssignment, LedgerEntry, RentRule, Stay
from residences.stays import services as stays
from tests.recovery.builders import unique
from tests.residences.builders import home_of_stay, make_home, make_stay, manager_of, sign_disclosure

pytestmark = pytest.mark.django_db

D = Decimal


@pytest.fixture
def today(harbor):
    with tenant_scope(harbor):
        return organization_today()


def last_month_of_31_days(today: date) -> date:
    """The first day of the latest 31-day month that ended before today."""
    month = (today.replace(day=1) - timedelta(days=1)).replace(day=1)
    while calendar.monthrange(month.year, month.month)[1] != 31:
        month = (month - timedelta(days=1)).replace(day=1)
    return month


def next_month(day: date) -> date:
    return (day.replace(day=28) + timedelta(days=4)).replace(day=1)


def rent_of(stay):
    with tenant_scope(stay.organization):
        return [
            (e.kind, e.amount, e.covers_from, e.covers_until)
            for e in LedgerEntry.objects.filter(stay=stay, category="rent").order_by("pk")
        ]


def readmit(stay, *, move_in, residence=None, rent="600.00", rent_period="monthly", rent_rule="by_day"):
    """The same person admitted again: a new stay in a new bed (of `residence`, else of their last home)."""
    with tenant_scope(stay.organization):
        home = residence or home_of_stay(stay)
        room = stays.add_room_with_beds(residence=home, name=f"Room {unique()}", bed_labels=["A"])
        again = Stay.objects.create(resident=stay.resident, move_in=move_in)
        BedAssignment.objects.create(stay=again, bed=room.beds.get(), starts_on=move_in)
    sign_disclosure(again, rent=rent, rent_period=rent_period, rent_rule=rent_rule)
    return again


def test_rent_for_days_is_the_day_share_rounded_half_up_to_the_cent():
    assert services.rent_for_days(rent=D("600.00"), days=7, period_days=31) == D("135.48")
    assert services.rent_for_days(rent=D("175.00"), days=4, period_days=7) == D("100.00")
    assert services.rent_for_days(rent=D("100.00"), days=1, period_days=8) == D("12.50")
    assert services.rent_for_days(rent=D("0.10"), days=1, period_days=4) == D("0.03")  # 0.025 rounds up
    assert services.rent_for_days(rent=D("600.00"), days=31, period_days=31) == D("600.00")
    with pytest.raises(ValueError):
        services.rent_for_days(rent=D("600.00"), days=32, period_days=31)


def test_a_move_in_on_the_25th_of_a_31_day_month_is_charged_for_7_days(harbor, today):
    month = last_month_of_31_days(today)
    stay = make_stay(harbor, move_in=month.replace(day=25), rent=D("600.00"), rent_period="monthly")
    with tenant_scope(harbor):
        run = services.post_recurring_rent(residence=home_of_stay(stay), on=month.replace(day=25))

    assert len(run.posted) == 1
    assert rent_of(stay) == [("charge", D("135.48"), month.replace(day=25), next_month(month))]
    assert "7 of 31 days" in run.posted[0].description


def test_a_weekly_move_in_on_a_thursday_is_charged_for_the_4_days_to_sunday(harbor, today):
    thursday = today - timedelta(days=today.weekday() + 4)  # last week's Thursday
    stay = make_stay(harbor, move_in=thursday, rent=D("175.00"), rent_period="weekly")
    with tenant_scope(harbor):
        services.post_recurring_rent(residence=home_of_stay(stay), on=thursday + timedelta(days=1))

    assert rent_of(stay) == [("charge", D("100.00"), thursday, thursday + timedelta(days=4))]


def test_a_house_that_charges_full_periods_charges_the_whole_month_for_a_late_move_in(harbor, today):
    month = last_month_of_31_days(today)
    stay = make_stay(
        harbor, move_in=month.replace(day=25), rent=D("600.00"), rent_period="monthly", rent_rule="full_period"
    )
    with tenant_scope(harbor):
        services.post_recurring_rent(residence=home_of_stay(stay), on=month.replace(day=25))

    assert rent_of(stay) == [("charge", D("600.00"), month, next_month(month))]


def test_moving_out_mid_month_credits_the_rent_for_the_days_after_as_the_refund_policy_says(harbor, today):
    month = last_month_of_31_days(today)
    stay = make_stay(harbor, move_in=month - timedelta(days=40), rent=D("600.00"), rent_period="monthly")
    with tenant_scope(harbor):
        services.post_rent_for_stay(stay=stay, on=month)
        stays.move_out(stay=stay, on=month.replace(day=11), reason="completed")
        balance = services.balance_for(stay)

    # 10 days lived (the 1st to the 10th): 600 x 10 / 31 = 193.55 kept, 406.45 given back.
    assert rent_of(stay) == [
        ("charge", D("600.00"), month, next_month(month)),
        ("credit", D("406.45"), month.replace(day=11), next_month(month)),
    ]
    assert balance == D("193.55")
    assert "credited to your ledger on the day you move out" in services.DEFAULT_REFUND_POLICY


def test_moving_out_under_the_full_period_rule_credits_nothing(harbor, today):
    month = last_month_of_31_days(today)
    stay = make_stay(
        harbor, move_in=month - timedelta(days=40), rent=D("600.00"), rent_period="monthly", rent_rule="full_period"
    )
    with tenant_scope(harbor):
        services.post_rent_for_stay(stay=stay, on=month)
        stays.move_out(stay=stay, on=month.replace(day=11), reason="completed")
        assert services.balance_for(stay) == D("600.00")
    assert "not refunded" in services.REFUND_POLICIES[RentRule.FULL_PERIOD]


def test_moving_out_before_the_rent_ran_charges_the_last_period_for_the_days_lived(harbor, today):
    month = last_month_of_31_days(today)
    stay = make_stay(harbor, move_in=month.replace(day=3), rent=D("600.00"), rent_period="monthly")
    with tenant_scope(harbor):
        stays.move_out(stay=stay, on=month.replace(day=13), reason="left_voluntarily")

    assert rent_of(stay) == [("charge", D("193.55"), month.replace(day=3), month.replace(day=13))]


def test_a_person_readmitted_on_the_20th_of_a_month_already_paid_in_full_is_not_charged_again(harbor, today):
    month = last_month_of_31_days(today)
    first = make_stay(
        harbor, move_in=month - timedelta(days=40), rent=D("600.00"), rent_period="monthly", rent_rule="full_period"
    )
    with tenant_scope(harbor):
        services.post_rent_for_stay(stay=first, on=month)
        stays.move_out(stay=first, on=month.replace(day=10), reason="left_voluntarily")
    again = readmit(first, move_in=month.replace(day=20), rent_rule="full_period")
    with tenant_scope(harbor):
        entry, outcome = services.post_rent_for_stay(stay=again, on=month.replace(day=20))
        following = services.post_rent_for_stay(stay=again, on=next_month(month))

    assert (entry, outcome) == (None, "covered")
    assert rent_of(again) == [("charge", D("600.00"), next_month(month), next_month(next_month(month)))]
    assert following[1] == "posted"


def test_a_person_readmitted_after_a_by_day_move_out_pays_each_day_once(harbor, today):
    month = last_month_of_31_days(today)
    first = make_stay(harbor, move_in=month - timedelta(days=40), rent=D("600.00"), rent_period="monthly")
    with tenant_scope(harbor):
        services.post_rent_for_stay(stay=first, on=month)
        stays.move_out(stay=first, on=month.replace(day=10), reason="left_voluntarily")
    again = readmit(first, move_in=month.replace(day=20), residence=make_home(harbor))
    with tenant_scope(harbor):
        services.post_rent_for_stay(stay=again, on=month.replace(day=20))
        charged = services.days_charged(resident_id=first.resident_id, starts_on=month, ends_on=next_month(month))
        total = services.balance_for(first) + services.balance_for(again)

    lived = [month + timedelta(days=n) for n in range(31) if n + 1 < 10 or n + 1 >= 20]
    assert charged == dict.fromkeys(lived, 1)
    # 9 days kept from the first stay (600 - 425.81), 12 days in the second (600 x 12 / 31).
    assert total == D("174.19") + D("232.26")


def test_a_transfer_to_another_home_mid_period_charges_nothing_more(harbor, today):
    stay = make_stay(harbor, move_in=today - timedelta(days=30), rent=D("600.00"), rent_period="monthly")
    other = make_home(harbor)
    with tenant_scope(harbor):
        services.post_rent_for_stay(stay=stay, on=today.replace(day=1))
        bed = other.rooms.get().beds.first()
        stays.transfer(stay=stay, bed=bed, on=today)
        run = services.post_recurring_rent(residence=other, on=today)

    assert run.posted == [] and run.already_posted == 1
    assert [row[1] for row in rent_of(stay)] == [D("600.00")]


def test_a_corrected_rent_charge_no_longer_counts_its_days_as_charged(harbor, today):
    month = last_month_of_31_days(today)
    stay = make_stay(harbor, move_in=month.replace(day=25), rent=D("600.00"), rent_period="monthly")
    with tenant_scope(harbor):
        entry, _ = services.post_rent_for_stay(stay=stay, on=month.replace(day=25))
        before = services.days_charged(resident_id=stay.resident_id, starts_on=month, ends_on=next_month(month))
        services.correct_entry(entry=entry, reason="Posted before the move-in was confirmed")
        after = services.days_charged(resident_id=stay.resident_id, starts_on=month, ends_on=next_month(month))

    assert len(before) == 7 and after == {}


def test_the_disclosure_states_the_rule_for_part_periods_to_the_resident(client, harbor):
    stay = make_stay(harbor, rent=D("600.00"), rent_period="monthly", signed=False)
    with tenant_scope(harbor):
        disclosure = services.prepare_fee_disclosure(
            stay=stay, rent_amount="600.00", rent_period="monthly", refund_policy="Fair.", rent_rule="full_period"
        )
    client.force_login(manager_of(home_of_stay(stay)))
    page = client.get(reverse("residences:sign_disclosure", kwargs={"pk": disclosure.pk})).content.decode()

    assert RENT_RULE_TERMS[RentRule.FULL_PERIOD].split(",")[0] in page


def test_the_disclosure_form_starts_from_the_homes_rule_and_its_refund_policy(client, harbor):
    stay = make_stay(harbor, signed=False)
    with tenant_scope(harbor):
        home = home_of_stay(stay)
        home.rent_rule = RentRule.FULL_PERIOD
        home.save()
    client.force_login(manager_of(home))
    page = client.get(reverse("residences:prepare_disclosure", kwargs={"stay_pk": stay.pk})).content.decode()

    assert 'value="full_period" selected' in page
    assert "is not refunded" in page


def test_an_unknown_rent_rule_is_refused_with_a_message(harbor):
    stay = make_stay(harbor, signed=False)
    with tenant_scope(harbor), pytest.raises(services.LedgerProblem, match="part period"):
        services.prepare_fee_disclosure(
            stay=stay, rent_amount="600.00", rent_period="monthly", refund_policy="Fair.", rent_rule="weekly-ish"
        )
