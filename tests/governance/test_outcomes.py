"""Outcomes (governance/outcomes): each measure on a small hand-built November with known answers, who may see which
homes, another organization's home answering 404, and a query count that does not grow with the data."""

import re
from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from governance.outcomes import selectors
from governance.outcomes.periods import Period
from peer_support.checkins.models import CheckIn
from recovery.audit.models import AuditEvent
from recovery.models import Membership, Role
from recovery.tenancy import tenant_scope
from residences.ledger.models import EntryKind, LedgerEntry
from residences.models import BedAssignment, Stay
from residents.barc10.models import BARC10_ITEM_FIELDS, Barc10Assessment
from residents.models import Resident
from residents.phases.models import Alumnus, Phase, PhaseStep
from tests.recovery.builders import make_member, unique
from tests.residences.builders import beds_of, make_home, manager_of

pytestmark = pytest.mark.django_db

NOVEMBER = Period(start=date(2026, 11, 1), end=date(2026, 11, 30))


def _stay(bed, *, move_in, move_out=None, reason="", destination="", name="Reyes"):
    resident = Resident.objects.create(first_name="Pat", last_name=name)
    stay = Stay.objects.create(
        resident=resident, move_in=move_in, move_out=move_out, discharge_reason=reason, destination=destination
    )
    BedAssignment.objects.create(stay=stay, bed=bed, starts_on=move_in, ends_on=move_out)
    return stay


def _barc10(stay, total, taken_on):
    base, extra = divmod(total, 10)
    answers = [base + 1] * extra + [base] * (10 - extra)
    Barc10Assessment.objects.create(
        resident=stay.resident,
        stay=stay,
        taken_on=taken_on,
        total=total,
        **dict(zip(BARC10_ITEM_FIELDS, answers, strict=True)),
    )


def _entry(stay, kind, amount, on, corrects=None):
    amount = Decimal(amount)
    effect = -amount if kind in (EntryKind.PAYMENT, EntryKind.CREDIT) else amount
    if corrects is not None:
        effect = -corrects.balance_effect
    return LedgerEntry.objects.create(
        stay=stay,
        kind=kind,
        amount=amount,
        balance_effect=effect,
        posted_on=on,
        category="rent" if kind in (EntryKind.CHARGE, EntryKind.CREDIT) else "",
        payer_kind="resident" if kind == EntryKind.PAYMENT else "",
        method="cash" if kind == EntryKind.PAYMENT else "",
        corrects=corrects,
        reason="Entered twice" if corrects is not None else "",
    )


@pytest.fixture
def november(harbor):
    """One home of three beds in November 2026: a mid-month move-in still there (A), a completed stay that left on
    the 11th after 71 days (B), a return to use on the 20th after 50 days (C), and a stay that ended in October (D)."""
    home = make_home(harbor, beds=("1", "2", "3", "4"))
    with tenant_scope(harbor):
        bed1, bed2, bed3, bed4 = beds_of(home)
        bed4.in_service = False
        bed4.save()
        a = _stay(bed1, move_in=date(2026, 11, 15))
        b = _stay(
            bed2, move_in=date(2026, 9, 1), move_out=date(2026, 11, 11), reason="completed", destination="Own place"
        )
        c = _stay(bed3, move_in=date(2026, 10, 1), move_out=date(2026, 11, 20), reason="return_to_use")
        d = _stay(bed1, move_in=date(2026, 8, 1), move_out=date(2026, 10, 15), reason="completed")
        _barc10(b, 40, date(2026, 9, 2))
        _barc10(b, 50, date(2026, 11, 10))
        _barc10(c, 30, date(2026, 10, 2))
        _barc10(c, 35, date(2026, 10, 20))
        _barc10(c, 45, date(2026, 11, 18))
        _barc10(c, 59, date(2026, 12, 1))  # after the period: not the latest as of its end
        _barc10(d, 20, date(2026, 8, 2))
        _barc10(d, 55, date(2026, 10, 1))  # D did not live here in November
        for who, day in ((a, 15), (a, 16), (b, 1)):
            CheckIn.objects.create(resident=who.resident, residence=home, day=date(2026, 11, day), feeling=3, craving=1)
        CheckIn.objects.create(resident=d.resident, residence=home, day=date(2026, 10, 1), feeling=3, craving=1)
        first = Phase.objects.create(residence=home, position=1, name="Orientation")
        second = Phase.objects.create(residence=home, position=2, name="Building")
        PhaseStep.objects.create(stay=c, phase=first, started_on=date(2026, 10, 1), ended_on=date(2026, 11, 5))
        PhaseStep.objects.create(stay=c, phase=second, started_on=date(2026, 11, 5))
        Alumnus.objects.create(resident=b.resident, since=date(2026, 11, 12), willing_to_mentor=True)
        Alumnus.objects.create(resident=d.resident, since=date(2026, 10, 16), stay_connected=False)
        _entry(a, EntryKind.CHARGE, "300.00", date(2026, 11, 15))
        _entry(a, EntryKind.CREDIT, "50.00", date(2026, 11, 16))
        _entry(a, EntryKind.PAYMENT, "200.00", date(2026, 11, 20))
        twice = _entry(a, EntryKind.PAYMENT, "20.00", date(2026, 11, 21))
        _entry(a, EntryKind.ADJUSTMENT, "20.00", date(2026, 11, 22), corrects=twice)
        _entry(d, EntryKind.CHARGE, "999.00", date(2026, 10, 1))  # before the period
    return home


def _admin(organization):
    user = make_member(organization, Role.ADMIN)
    with tenant_scope(organization):
        return Membership.objects.get(user=user)


def _measure(organization, membership=None, residence=None, period=NOVEMBER):
    with tenant_scope(organization):
        return selectors.outcomes(membership or _admin(organization), period=period, residence=residence)


def test_bed_nights_count_a_mid_month_move_in_from_its_day_and_a_move_out_day_as_none(harbor, november):
    occupancy = _measure(harbor).occupancy
    assert occupancy.bed_nights == 16 + 10 + 19
    assert occupancy.beds == 3  # the bed out of service is no capacity
    assert occupancy.capacity_nights == 90
    assert occupancy.rate == Decimal("50.0")
    by_day = dict(occupancy.by_day)
    assert by_day[date(2026, 11, 10)] == 2 and by_day[date(2026, 11, 11)] == 1
    assert by_day[date(2026, 11, 15)] == 2 and by_day[date(2026, 11, 30)] == 1


def test_admissions_departures_and_the_median_of_an_even_count_of_stays(harbor, november):
    stays = _measure(harbor).stays
    assert (stays.admissions, stays.departures) == (1, 2)
    assert stays.lengths == [50, 71]
    assert stays.median_length == 60.5
    assert dict(stays.length_bands)["30 to 89 days"] == 2
    reasons = dict(stays.reasons)
    assert reasons["Completed the program"] == 1 and reasons["Return to use"] == 1 and reasons["Death"] == 0
    assert dict(stays.destinations) == {"Own place": 1, "Not recorded": 1}


def test_barc10_change_pairs_first_and_latest_by_the_periods_end_and_counts_the_47_point_crossing(harbor, november):
    barc10 = _measure(harbor).barc10
    assert barc10.paired == 2  # B (40 to 50) and C (30 to 45); A has none, D did not live here
    assert barc10.mean_change == Decimal("12.5")
    assert barc10.crossed == 1  # B crossed 47; C's 59 came after the period
    assert barc10.crossed_share == Decimal("50.0")


def test_a_house_manager_gets_no_barc10_measure_when_their_role_does_not_see_assessments(harbor, november):
    user = manager_of(november)
    with tenant_scope(harbor):
        membership = Membership.objects.get(user=user)
    assert _measure(harbor, membership).barc10 is None


def test_check_in_engagement_is_check_ins_over_resident_days(harbor, november):
    engagement = _measure(harbor).engagement
    assert (engagement.check_ins, engagement.resident_days) == (3, 45)
    assert engagement.rate == Decimal("6.7")
    assert (engagement.residents_checking_in, engagement.residents) == (2, 3)


def test_phase_progression_counts_steps_up_begun_in_the_period(harbor, november):
    assert _measure(harbor).step_ups == [(2, 1)]


def test_alumni_count_who_stays_connected_and_who_joined_in_the_period(harbor, november):
    alumni = _measure(harbor).alumni
    assert (alumni.connected, alumni.new, alumni.willing_to_mentor) == (1, 1, 1)


def test_money_is_charges_less_credits_against_payments_less_their_corrections(harbor, november):
    money = _measure(harbor).money
    assert money.charged == Decimal("250.00")
    assert money.collected == Decimal("200.00")
    assert money.rate == Decimal("80.0")


def test_one_homes_view_counts_only_that_home(harbor, november):
    other = make_home(harbor, beds=("X",))
    outcomes = _measure(harbor, residence=other)
    assert outcomes.occupancy.bed_nights == 0 and outcomes.stays.departures == 0
    assert outcomes.money.charged == Decimal("0.00") and outcomes.occupancy.beds == 1


def test_the_page_draws_each_chart_with_a_table_for_an_admin(client, harbor, november):
    client.force_login(make_member(harbor, Role.ADMIN))
    page = client.get(reverse("governance:outcomes"), {"start": "2026-11-01", "end": "2026-11-30"})
    body = page.content.decode()
    assert page.status_code == 200
    assert "<strong>50.0%</strong> of bed-nights filled" in body
    assert body.count('<svg xmlns="http://www.w3.org/2000/svg"') == 6
    assert "Crossed the 47-point marker" in body
    assert 'style="' not in body.split("<main", 1)[-1] and "<script>" not in body


def test_a_period_ending_after_today_or_backwards_is_a_message_not_an_error(client, harbor):
    client.force_login(make_member(harbor, Role.ADMIN))
    for start, end in (("2026-11-01", "2999-01-01"), ("2026-11-20", "2026-11-01"), ("not a date", "")):
        page = client.get(reverse("governance:outcomes"), {"start": start, "end": end})
        assert page.status_code == 200
        assert 'role="alert"' in page.content.decode()


def test_a_house_manager_sees_their_homes_and_is_refused_another(client, harbor, november):
    other = make_home(harbor, name="Elsewhere House")
    client.force_login(manager_of(november))
    body = client.get(reverse("governance:outcomes")).content.decode()
    assert "Elsewhere House" not in body and "1 home" in body
    assert client.get(reverse("governance:home_outcomes", args=[november.pk])).status_code == 200
    assert client.get(reverse("governance:home_outcomes", args=[other.pk])).status_code == 403


def test_a_resident_and_a_coach_are_refused(client, harbor):
    for role in (Role.RESIDENT, Role.COACH):
        client.force_login(make_member(harbor, role))
        assert client.get(reverse("governance:outcomes")).status_code == 403


def test_another_organizations_home_answers_404(client, harbor, cedar):
    home = make_home(cedar)
    client.force_login(make_member(harbor, Role.ADMIN))
    assert client.get(reverse("governance:home_outcomes", args=[home.pk])).status_code == 404


def _grow(home, n):
    """`n` more stays in `home` in November, each with a check-in, two BARC-10s, a phase step up and a payment."""
    with tenant_scope(home.organization):
        second = Phase.objects.get_or_create(residence=home, position=2, defaults={"name": "Building"})[0]
        for _ in range(n):
            bed = make_bed(home)
            stay = _stay(bed, move_in=date(2026, 11, 2), move_out=date(2026, 11, 25), reason="completed")
            _barc10(stay, 30, date(2026, 11, 3))
            _barc10(stay, 48, date(2026, 11, 20))
            CheckIn.objects.create(resident=stay.resident, residence=home, day=date(2026, 11, 4), feeling=3, craving=1)
            PhaseStep.objects.create(stay=stay, phase=second, started_on=date(2026, 11, 9))
            _entry(stay, EntryKind.CHARGE, "100.00", date(2026, 11, 2))
            _entry(stay, EntryKind.PAYMENT, "100.00", date(2026, 11, 3))
            Alumnus.objects.create(resident=stay.resident, since=date(2026, 11, 26))


def make_bed(home):
    """A new room of one bed in `home` (inside its organization's scope)."""
    from residences.stays import services

    return services.add_room_with_beds(residence=home, name=f"Room {unique()}", bed_labels=["A"]).beds.get()


def test_the_number_of_queries_does_not_grow_with_the_data(harbor, november):
    membership = _admin(harbor)

    def queries():
        with tenant_scope(harbor), CaptureQueriesContext(connection) as captured:
            selectors.outcomes(membership, period=NOVEMBER)
        return len(captured)

    _grow(november, 1)
    small = queries()
    _grow(november, 6)
    assert queries() == small
    assert small <= 12


# --- The de-identified export ----------------------------------------------------------------------------------------


def _deidentified_rows(organization, period=NOVEMBER):
    from governance.outcomes import deidentified

    with tenant_scope(organization):
        rows = deidentified.rows(_admin(organization), period=period)
    return {(measure, month): value for measure, month, value in rows}


def test_the_months_of_a_period_are_its_calendar_months_clipped_to_it():
    from governance.outcomes.deidentified import months_of

    months = months_of(Period(start=date(2026, 9, 15), end=date(2026, 11, 10)))
    assert [label for label, _ in months] == ["2026-09", "2026-10", "2026-11"]
    assert months[0][1] == Period(start=date(2026, 9, 15), end=date(2026, 9, 30))
    assert months[2][1] == Period(start=date(2026, 11, 1), end=date(2026, 11, 10))


def test_small_cells_are_written_under_11_and_rates_over_few_people_are_suppressed(harbor, november):
    rows = _deidentified_rows(harbor)
    assert rows[("Residents", "2026-11")] == "<11"
    assert rows[("Admissions", "2026-11")] == "<11"
    assert rows[("Occupancy rate (%)", "2026-11")] == "suppressed"
    assert rows[("BARC-10: mean change (points)", "2026-11 to 2026-11")] == "suppressed"
    assert rows[("Departures: Death", "2026-11 to 2026-11")] == 0
    assert rows[("Beds in service", "2026-11")] == 3  # not a count of people


def test_counts_and_rates_over_11_people_or_more_are_written(harbor, november):
    _grow(november, 12)
    rows = _deidentified_rows(harbor)
    assert rows[("Residents", "2026-11")] == 15
    assert rows[("Admissions", "2026-11")] == 13
    assert rows[("Departures", "2026-11")] == 14
    assert rows[("BARC-10: residents with paired scores", "2026-11 to 2026-11")] == 14
    assert rows[("BARC-10: crossed 47 points (%)", "2026-11 to 2026-11")] == Decimal("92.9")  # 13 of 14
    assert rows[("Median length of completed stays (days)", "2026-11 to 2026-11")] == 23


def test_the_deidentified_file_names_no_one_and_carries_no_day(client, harbor, november):
    _grow(november, 12)
    client.force_login(make_member(harbor, Role.ADMIN))
    response = client.get(reverse("governance:outcomes"), {"start": "2026-10-15", "end": "2026-11-30", "format": "csv"})
    body = response.content.decode("utf-8-sig")
    assert response.status_code == 200
    assert response["Content-Disposition"] == (
        'attachment; filename="hearth-outcomes-deidentified-2026-10-to-2026-11.csv"'
    )
    assert "Reyes" not in body and "Pat" not in body and "Own place" not in body
    assert not re.search(r"\d{4}-\d{2}-\d{2}", body)
    with tenant_scope(harbor):
        assert AuditEvent.objects.filter(action=AuditEvent.Action.EXPORT, detail__startswith="de-identified").exists()


def test_a_coach_may_not_download_the_deidentified_outcomes(client, harbor):
    client.force_login(make_member(harbor, Role.COACH))
    assert client.get(reverse("governance:outcomes"), {"format": "csv"}).status_code == 403


def test_a_chart_draws_a_point_alone_between_gaps_and_escapes_its_labels():
    from governance.outcomes.charts import bar_chart, line_chart

    svg = line_chart(chart_id="t", title="Rate", points=[("a", 40), ("b", None), ("c", 80)], maximum=100)
    assert svg.count("<circle") == 2 and "<polyline" not in svg
    assert "<b>" not in bar_chart(chart_id="u", title="x", rows=[("<b>", 1)])
