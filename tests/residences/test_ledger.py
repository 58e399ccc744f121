"""The rent and fees ledger: disclosure before money, arithmetic in Decimal, final entries and corrections,
statements, the steps for an unpaid balance, the pages (with a query count that does not grow) and isolation."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import URLPattern, reverse

from recovery.models import Membership, Role
from recovery.notifications.models import Notification
from recovery.tenancy import organization_today, tenant_scope
from residences.ledger import selectors, services
from residences.ledger import urls as ledger_urls
from residences.models import FeeDisclosure, LedgerEntry, NonPaymentStep
from residences.stays.services import move_out
from tests.isolation_routes import ledger as ledger_routes
from tests.recovery.builders import MARKER, make_member
from tests.residences.builders import home_of_stay, make_stay, manager_of

pytestmark = pytest.mark.django_db

D = Decimal


@pytest.fixture
def today(harbor):
    with tenant_scope(harbor):
        return organization_today()


@pytest.fixture
def stay(harbor):
    return make_stay(harbor)


@pytest.fixture
def scope(harbor):
    with tenant_scope(harbor):
        yield harbor


def charge(stay, amount, *, on, category="rent", **fields):
    return services.post_charge(stay=stay, category=category, amount=D(amount), posted_on=on, **fields)


def pay(stay, amount, *, on, method="cash", **fields):
    return services.record_payment(stay=stay, amount=D(amount), method=method, posted_on=on, **fields)


# --- Arithmetic ----------------------------------------------------------------------------------------------


def test_balance_adds_charges_and_takes_off_payments_and_credits_when_entries_are_posted(scope, stay, today):
    charge(stay, "175.00", on=today - timedelta(days=9))
    charge(stay, "150.00", on=today - timedelta(days=9), category="deposit")
    pay(stay, "200.10", on=today - timedelta(days=8))
    services.post_credit(stay=stay, amount=D("24.95"), description="Painted the porch", posted_on=today)

    balance = services.balance_for(stay)

    assert balance == D("99.95")
    assert isinstance(balance, Decimal)


def test_balance_is_negative_when_the_resident_has_paid_ahead(scope, stay, today):
    charge(stay, "100.00", on=today)
    pay(stay, "130.00", on=today)

    assert services.balance_for(stay) == D("-30.00")


def test_a_float_amount_is_refused_because_money_is_decimal(scope, stay, today):
    with pytest.raises(TypeError, match="never float"):
        services.post_charge(stay=stay, category="rent", amount=175.0, posted_on=today)


def test_an_amount_with_fractions_of_a_cent_is_refused_with_a_clear_message(scope, stay, today):
    with pytest.raises(services.LedgerProblem, match="two digits after the point"):
        charge(stay, "10.005", on=today)


def test_an_amount_that_is_not_a_number_is_refused_with_a_clear_message(scope, stay, today):
    for amount in ("abc", "NaN", "Infinity"):
        with pytest.raises(services.LedgerProblem, match="dollars and cents"):
            services.post_charge(stay=stay, category="rent", amount=amount, posted_on=today)


def test_a_zero_or_negative_amount_is_refused_when_posting(scope, stay, today):
    for amount in ("0", "-5.00"):
        with pytest.raises(services.LedgerProblem, match="above zero"):
            pay(stay, amount, on=today)
    assert not LedgerEntry.objects.exists()


def test_an_entry_dated_in_the_future_is_refused(scope, stay, today):
    with pytest.raises(services.LedgerProblem, match="never in the future"):
        charge(stay, "10.00", on=today + timedelta(days=1))


# --- The fee disclosure comes first --------------------------------------------------------------------------


def test_a_charge_is_refused_when_the_resident_has_not_signed_the_disclosure(harbor, today):
    stay = make_stay(harbor, signed=False)
    with tenant_scope(harbor):
        services.prepare_fee_disclosure(
            stay=stay, rent_amount=D("175.00"), rent_period="weekly", refund_policy="Refunds within 14 days."
        )  # prepared, but not signed yet
        with pytest.raises(services.DisclosureNotSigned, match="not signed the fee and refund disclosure"):
            charge(stay, "175.00", on=today)
        assert not LedgerEntry.objects.exists()


def test_a_payment_is_refused_when_the_resident_has_not_signed_the_disclosure(harbor, today):
    stay = make_stay(harbor, signed=False)
    with tenant_scope(harbor), pytest.raises(services.DisclosureNotSigned, match="no money taken"):
        pay(stay, "50.00", on=today)


def test_signing_records_the_name_time_address_and_who_held_the_device(harbor):
    resident_user = make_member(harbor, Role.RESIDENT)
    stay = make_stay(harbor, user=resident_user, signed=False)
    with tenant_scope(harbor):
        disclosure = services.prepare_fee_disclosure(
            stay=stay, rent_amount=D("180.00"), rent_period="weekly", refund_policy="Refunds within 14 days."
        )
        signed = services.sign_fee_disclosure(
            disclosure=disclosure, signed_name="  Jordan   Reyes ", agreed=True, by=resident_user, ip_address="10.0.0.7"
        )

    assert signed.signed_name == "Jordan Reyes"
    assert signed.signed_at is not None and signed.signed_ip == "10.0.0.7"
    assert signed.signed_by == resident_user and not signed.signed_in_person


def test_a_signature_given_on_a_staff_account_is_recorded_as_in_person(harbor):
    staff = make_member(harbor, Role.STAFF)
    stay = make_stay(harbor, signed=False)
    with tenant_scope(harbor):
        disclosure = services.prepare_fee_disclosure(
            stay=stay, rent_amount=D("180.00"), rent_period="weekly", refund_policy="Refunds within 14 days."
        )
        signed = services.sign_fee_disclosure(disclosure=disclosure, signed_name="Jordan Reyes", agreed=True, by=staff)
    assert signed.signed_in_person


def test_signing_is_refused_without_agreement_or_a_name_and_only_happens_once(harbor):
    stay = make_stay(harbor, signed=False)
    with tenant_scope(harbor):
        disclosure = services.prepare_fee_disclosure(
            stay=stay, rent_amount=D("180.00"), rent_period="weekly", refund_policy="Refunds within 14 days."
        )
        with pytest.raises(services.LedgerProblem, match="Tick the box"):
            services.sign_fee_disclosure(disclosure=disclosure, signed_name="Jordan Reyes", agreed=False, by=None)
        with pytest.raises(services.LedgerProblem, match="Type your full name"):
            services.sign_fee_disclosure(disclosure=disclosure, signed_name="   ", agreed=True, by=None)
        services.sign_fee_disclosure(disclosure=disclosure, signed_name="Jordan Reyes", agreed=True, by=None)
        with pytest.raises(services.LedgerProblem, match="already signed"):
            services.sign_fee_disclosure(disclosure=disclosure, signed_name="Someone Else", agreed=True, by=None)
        disclosure.refresh_from_db()
        assert disclosure.signed_name == "Jordan Reyes"


def test_a_new_disclosure_replaces_one_still_waiting_for_a_signature(harbor):
    stay = make_stay(harbor, signed=False)
    with tenant_scope(harbor):
        first = services.prepare_fee_disclosure(
            stay=stay, rent_amount=D("180.00"), rent_period="weekly", refund_policy="Refunds within 14 days."
        )
        second = services.prepare_fee_disclosure(
            stay=stay, rent_amount=D("170.00"), rent_period="weekly", refund_policy="Refunds within 14 days."
        )
        assert list(FeeDisclosure.objects.filter(stay=stay)) == [second]
        with pytest.raises(FeeDisclosure.DoesNotExist):
            first.refresh_from_db()


def test_a_disclosure_needs_a_refund_policy(harbor):
    stay = make_stay(harbor, signed=False)
    with tenant_scope(harbor), pytest.raises(services.LedgerProblem, match="refund policy"):
        services.prepare_fee_disclosure(stay=stay, rent_amount=D("180.00"), rent_period="weekly", refund_policy=" ")


# --- Posted entries are final --------------------------------------------------------------------------------


def test_the_service_refuses_to_edit_a_posted_entry(scope, stay, today):
    entry = charge(stay, "175.00", on=today)

    with pytest.raises(services.LedgerEntryIsFinal, match="cannot be changed"):
        services.change_entry(entry=entry, amount=D("1.00"))

    entry.refresh_from_db()
    assert entry.amount == D("175.00")


def test_a_correction_reverses_the_entry_with_its_reason_and_keeps_the_original(scope, stay, today):
    entry = charge(stay, "175.00", on=today - timedelta(days=3))

    reversal = services.correct_entry(entry=entry, reason="Charged twice for the same week")

    assert reversal.kind == "adjustment" and reversal.corrects == entry
    assert reversal.amount == D("175.00") and reversal.balance_effect == D("-175.00")
    assert reversal.reason == "Charged twice for the same week"
    assert services.balance_for(stay) == D("0.00")
    assert LedgerEntry.objects.filter(pk=entry.pk, amount=D("175.00")).exists()


def test_correcting_a_payment_puts_the_amount_back_on_the_balance(scope, stay, today):
    charge(stay, "100.00", on=today)
    payment = pay(stay, "100.00", on=today)

    services.correct_entry(entry=payment, reason="The check bounced")

    assert services.balance_for(stay) == D("100.00")


def test_a_correction_needs_a_reason(scope, stay, today):
    entry = charge(stay, "175.00", on=today)
    with pytest.raises(services.LedgerProblem, match="reason"):
        services.correct_entry(entry=entry, reason="   ")


def test_an_entry_is_corrected_once_and_a_correction_is_not_corrected(scope, stay, today):
    entry = charge(stay, "175.00", on=today)
    reversal = services.correct_entry(entry=entry, reason="Wrong amount")

    with pytest.raises(services.LedgerProblem, match="already been corrected"):
        services.correct_entry(entry=entry, reason="Again")
    with pytest.raises(services.LedgerProblem, match="cannot itself be corrected"):
        services.correct_entry(entry=reversal, reason="Undo")


# --- The database keeps the invariants -----------------------------------------------------------------------


def _raw_entry(stay, **fields):
    values = {
        "stay": stay,
        "kind": "charge",
        "category": "rent",
        "amount": D("10.00"),
        "balance_effect": D("10.00"),
        "posted_on": stay.move_in,
    }
    with transaction.atomic():
        return LedgerEntry.objects.create(**{**values, **fields})


@pytest.mark.parametrize(
    "fields",
    [
        pytest.param({"amount": D("0.00"), "balance_effect": D("0.00")}, id="amount-not-positive"),
        pytest.param({"balance_effect": D("-10.00")}, id="charge-lowering-the-balance"),
        pytest.param({"kind": "payment", "payer_kind": "resident", "method": "cash"}, id="payment-raising-balance"),
        pytest.param({"kind": "payment", "balance_effect": D("-10.00")}, id="payment-without-payer-or-method"),
        pytest.param(
            {"kind": "payment", "balance_effect": D("-10.00"), "payer_kind": "agency", "method": "check"},
            id="third-party-payer-without-a-name",
        ),
        pytest.param({"category": ""}, id="charge-without-category"),
        pytest.param({"kind": "adjustment"}, id="adjustment-correcting-nothing"),
    ],
)
def test_the_database_refuses_an_entry_that_breaks_a_ledger_rule(scope, stay, fields):
    with pytest.raises(IntegrityError):
        _raw_entry(stay, **fields)


def test_the_database_refuses_a_correction_without_a_reason(scope, stay):
    entry = _raw_entry(stay)
    with pytest.raises(IntegrityError):
        _raw_entry(stay, kind="adjustment", balance_effect=D("-10.00"), corrects=entry, reason="")


def test_the_database_refuses_a_second_entry_for_the_same_stay_and_period(scope, stay):
    _raw_entry(stay, period_key="rent:2026-W01")
    with pytest.raises(IntegrityError):
        _raw_entry(stay, period_key="rent:2026-W01")
    _raw_entry(stay)  # entries without a period key are many
    _raw_entry(stay)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the finality trigger is PostgreSQL's; CI runs it")
def test_postgresql_refuses_to_update_or_delete_a_posted_entry(scope, stay, today):
    entry = charge(stay, "175.00", on=today)
    for statement in (
        "UPDATE residences_ledgerentry SET amount = 1 WHERE id = %s",
        "DELETE FROM residences_ledgerentry WHERE id = %s",
    ):
        with (
            pytest.raises(Exception, match="posted ledger entries are final"),
            transaction.atomic(),
            connection.cursor() as cursor,
        ):
            cursor.execute(statement, [entry.pk])


# --- Statements and pages' reads -----------------------------------------------------------------------------


def test_statement_for_a_period_starts_from_the_balance_before_it(scope, stay, today):
    start = today - timedelta(days=20)
    charge(stay, "175.00", on=start - timedelta(days=7))  # before the period
    charge(stay, "175.00", on=start)
    pay(stay, "300.00", on=start + timedelta(days=2), payer_kind="family", payer_name="Ana Reyes")
    services.post_credit(stay=stay, amount=D("25.00"), description="Kitchen deep clean", posted_on=start + timedelta(3))
    charge(stay, "175.00", on=start + timedelta(days=14))  # after the period

    result = selectors.statement(stay, starts_on=start, ends_on=start + timedelta(days=13))

    assert result.opening == D("175.00")
    assert [row.balance for row in result.rows] == [D("350.00"), D("50.00"), D("25.00")]
    assert result.closing == D("25.00")
    assert (result.charged, result.paid, result.credited) == (D("175.00"), D("300.00"), D("25.00"))


def test_statement_of_a_quiet_period_shows_the_opening_balance_as_closing(scope, stay, today):
    charge(stay, "175.00", on=today - timedelta(days=40))
    result = selectors.statement(stay, starts_on=today - timedelta(days=10), ends_on=today)
    assert result.rows == [] and result.closing == D("175.00")


def test_ledger_pages_carry_the_running_balance_across_pages(scope, stay, today):
    for days_ago in range(5, 0, -1):
        charge(stay, "10.00", on=today - timedelta(days=days_ago))

    first = selectors.ledger_page(stay, page_number=1, per_page=2)
    second = selectors.ledger_page(stay, page_number=2, per_page=2)
    last = selectors.ledger_page(stay, page_number=3, per_page=2)

    assert [row.balance for row in first.object_list] == [D("50.00"), D("40.00")]
    assert [row.balance for row in second.object_list] == [D("30.00"), D("20.00")]
    assert [row.balance for row in last.object_list] == [D("10.00")]


def test_who_is_behind_lists_only_those_who_owe_most_first(harbor, today):
    owes_little = make_stay(harbor, last_name="Little")
    residence = home_of_stay(owes_little)
    owes_more = make_stay(harbor, last_name="More", residence=residence)
    paid_up = make_stay(harbor, last_name="Paid", residence=residence)
    make_stay(harbor, last_name="Elsewhere")  # behind, but in another home
    with tenant_scope(harbor):
        charge(owes_little, "20.00", on=today)
        charge(owes_more, "175.00", on=today - timedelta(days=3))
        services.advance_nonpayment_steps(stay=owes_more, today=today)
        charge(paid_up, "175.00", on=today)
        pay(paid_up, "175.00", on=today)

        behind = selectors.who_is_behind(residence, today=today)
        summary = selectors.overdue_balances(residence, today=today)

    assert [(stay.pk, stay.balance) for stay in behind] == [(owes_more.pk, D("175.00")), (owes_little.pk, D("20.00"))]
    assert behind[0].latest_step_label == "Reminder" and behind[1].latest_step is None
    assert summary["count"] == 2 and summary["total"] == D("195.00")


# --- Steps for an unpaid balance -----------------------------------------------------------------------------


def test_oldest_unpaid_charge_dates_the_overdue_balance_when_payments_pay_the_oldest_first(scope, stay, today):
    first = today - timedelta(days=14)
    charge(stay, "100.00", on=first)
    charge(stay, "100.00", on=first + timedelta(days=7))
    pay(stay, "150.00", on=first + timedelta(days=8))

    assert services.overdue_since(stay) == (D("50.00"), first + timedelta(days=7))


def test_no_step_opens_on_the_day_a_charge_is_posted(scope, stay, today):
    charge(stay, "175.00", on=today)
    assert services.advance_nonpayment_steps(stay=stay, today=today) is None


def test_steps_open_in_order_one_per_run_at_their_thresholds(scope, stay, today):
    since = today - timedelta(days=40)
    charge(stay, "175.00", on=since)
    opened = []
    for days in range(41):
        step = services.advance_nonpayment_steps(stay=stay, today=since + timedelta(days=days))
        if step is not None:
            opened.append((step.step, days))

    assert opened == [("reminder", 1), ("notice", 7), ("payment_plan", 14), ("review", 30)]
    assert NonPaymentStep.objects.get(step="review").balance_at_step == D("175.00")


def test_a_step_opens_once_however_often_the_check_runs(scope, stay, today):
    charge(stay, "175.00", on=today - timedelta(days=2))
    services.advance_nonpayment_steps(stay=stay, today=today)
    services.advance_nonpayment_steps(stay=stay, today=today)
    assert list(NonPaymentStep.objects.values_list("step", flat=True)) == ["reminder"]


def test_a_late_first_run_still_starts_with_the_reminder(scope, stay, today):
    charge(stay, "175.00", on=today - timedelta(days=20))
    step = services.advance_nonpayment_steps(stay=stay, today=today)
    assert step.step == "reminder" and step.days_overdue == 20


def test_a_fee_dated_31_days_back_opens_only_the_reminder_however_often_the_check_runs_that_day(scope, stay, today):
    charge(stay, "40.00", on=today - timedelta(days=31), category="fee")
    opened = [services.advance_nonpayment_steps(stay=stay, today=today) for _run in range(6)]

    assert [step.step for step in opened if step is not None] == ["reminder"]


def test_each_step_waits_its_interval_from_the_step_before_when_the_charge_is_old(scope, stay, today):
    charge(stay, "40.00", on=today - timedelta(days=31), category="fee")
    opened = []
    for day in range(40):
        for _run in range(3):  # a scheduler that runs several times a day
            step = services.advance_nonpayment_steps(stay=stay, today=today + timedelta(days=day))
            if step is not None:
                opened.append((step.step, day))

    # The published gaps: a notice 6 days after the reminder, a plan 7 after the notice, a review 16 after the plan.
    assert opened == [("reminder", 0), ("notice", 6), ("payment_plan", 13), ("review", 29)]
    assert services.NONPAYMENT_WAITS == {"reminder": 1, "notice": 6, "payment_plan": 7, "review": 16}


def test_the_balance_page_publishes_the_wait_between_steps(client, harbor, today):
    resident_user = make_member(harbor, Role.RESIDENT)
    make_stay(harbor, user=resident_user)
    client.force_login(resident_user)
    page = client.get(reverse("residences:my_balance")).content.decode()
    assert "at least 6 days after the step before" in page


def test_paying_the_balance_ends_the_stretch_and_falling_behind_again_starts_from_the_reminder(scope, stay, today):
    start = today - timedelta(days=30)
    charge(stay, "175.00", on=start)
    services.advance_nonpayment_steps(stay=stay, today=start + timedelta(days=1))
    services.advance_nonpayment_steps(stay=stay, today=start + timedelta(days=8))
    pay(stay, "175.00", on=start + timedelta(days=9))
    assert services.advance_nonpayment_steps(stay=stay, today=start + timedelta(days=15)) is None

    charge(stay, "175.00", on=start + timedelta(days=20))
    step = services.advance_nonpayment_steps(stay=stay, today=start + timedelta(days=21))

    assert step.step == "reminder" and step.overdue_since == start + timedelta(days=20)


def test_the_resident_is_notified_in_the_app_when_a_step_opens(harbor, today):
    resident_user = make_member(harbor, Role.RESIDENT)
    stay = make_stay(harbor, user=resident_user)
    with tenant_scope(harbor):
        charge(stay, "175.00", on=today - timedelta(days=1))
        services.advance_nonpayment_steps(stay=stay, today=today)
        notification = Notification.objects.get(recipient=resident_user)

    assert notification.kind == "ledger.nonpayment.reminder"
    assert "$175.00" in notification.title and "past due" in notification.title
    assert notification.url == reverse("residences:my_balance")


def test_the_homes_manager_hears_when_a_payment_plan_is_due_but_not_of_a_reminder(harbor, today):
    stay = make_stay(harbor)
    manager = manager_of(home_of_stay(stay))
    other_manager = manager_of(home_of_stay(make_stay(harbor)))
    since = today - timedelta(days=14)
    with tenant_scope(harbor):
        charge(stay, "175.00", on=since)
        for days in (1, 7, 14):
            services.advance_nonpayment_steps(stay=stay, today=since + timedelta(days=days))
        notification = Notification.objects.get(recipient=manager)
        assert not Notification.objects.filter(recipient=other_manager).exists()

    assert notification.kind == "ledger.nonpayment.payment_plan.staff"
    assert notification.url == reverse("residences:ledger", kwargs={"stay_pk": stay.pk})
    assert "Jordan" not in notification.title and "$" not in notification.title


def test_a_step_still_opens_for_a_resident_who_cannot_sign_in(harbor, today):
    stay = make_stay(harbor)  # no account of their own
    with tenant_scope(harbor):
        charge(stay, "175.00", on=today - timedelta(days=1))
        assert services.advance_nonpayment_steps(stay=stay, today=today).step == "reminder"
        assert not Notification.objects.exists()


# --- Pages ---------------------------------------------------------------------------------------------------


def test_a_manager_posts_a_charge_from_the_form(client, harbor, stay, today):
    client.force_login(manager_of(home_of_stay(stay)))
    url = reverse("residences:post_charge", kwargs={"stay_pk": stay.pk})

    response = client.post(url, {"category": "fee", "amount": "12.50", "posted_on": today.isoformat()})

    assert response.status_code == 302
    with tenant_scope(harbor):
        entry = LedgerEntry.objects.get()
    assert (entry.kind, entry.category, entry.amount) == ("charge", "fee", D("12.50"))


def test_bad_amounts_get_a_clear_message_not_an_error_page(client, harbor, stay, today):
    client.force_login(manager_of(home_of_stay(stay)))
    url = reverse("residences:record_payment", kwargs={"stay_pk": stay.pk})
    for amount, message in [("twelve", "dollars and cents"), ("1.234", "two digits"), ("-4", "above zero")]:
        response = client.post(
            url, {"amount": amount, "method": "cash", "payer_kind": "resident", "posted_on": today.isoformat()}
        )
        assert response.status_code == 200
        assert message in response.content.decode()
    with tenant_scope(harbor):
        assert not LedgerEntry.objects.exists()


def test_the_charge_form_explains_that_the_disclosure_comes_first(client, harbor, today):
    stay = make_stay(harbor, signed=False)
    client.force_login(manager_of(home_of_stay(stay)))
    response = client.post(
        reverse("residences:post_charge", kwargs={"stay_pk": stay.pk}),
        {"category": "rent", "amount": "175.00", "posted_on": today.isoformat()},
    )
    assert response.status_code == 200
    assert "not signed the fee and refund disclosure" in response.content.decode()


def test_a_third_party_payment_without_a_name_is_refused_with_a_message(client, harbor, stay, today):
    client.force_login(manager_of(home_of_stay(stay)))
    response = client.post(
        reverse("residences:record_payment", kwargs={"stay_pk": stay.pk}),
        {"amount": "50.00", "method": "check", "payer_kind": "agency", "posted_on": today.isoformat()},
    )
    assert "Write the name of the family member, agency or person who paid." in response.content.decode()


def test_a_manager_corrects_an_entry_from_the_ledger(client, harbor, stay, today):
    with tenant_scope(harbor):
        entry = charge(stay, "175.00", on=today)
    client.force_login(manager_of(home_of_stay(stay)))
    url = reverse("residences:correct_entry", kwargs={"pk": entry.pk})

    assert client.post(url, {"reason": ""}).status_code == 200  # the form asks for the reason
    response = client.post(url, {"reason": "Posted to the wrong resident"})

    assert response.status_code == 302
    with tenant_scope(harbor):
        assert services.balance_for(stay) == D("0.00")


def test_a_manager_of_another_home_cannot_open_the_ledger(client, harbor, stay):
    other_stay = make_stay(harbor)
    client.force_login(manager_of(home_of_stay(other_stay)))
    assert client.get(reverse("residences:ledger", kwargs={"stay_pk": stay.pk})).status_code == 403


@pytest.mark.parametrize("role", [Role.RESIDENT, Role.COACH])
def test_residents_and_coaches_cannot_post_to_a_ledger(client, harbor, stay, today, role):
    client.force_login(make_member(harbor, role))
    url = reverse("residences:post_charge", kwargs={"stay_pk": stay.pk})
    response = client.post(url, {"category": "rent", "amount": "5.00", "posted_on": today.isoformat()})
    assert response.status_code == 403


def test_a_resident_sees_their_own_balance_history_and_steps_on_my_balance(client, harbor, today):
    resident_user = make_member(harbor, Role.RESIDENT)
    stay = make_stay(harbor, user=resident_user)
    with tenant_scope(harbor):
        charge(stay, "175.00", on=today - timedelta(days=2), description="Rent, this week")
        pay(stay, "75.00", on=today - timedelta(days=1))
        services.advance_nonpayment_steps(stay=stay, today=today)
    client.force_login(resident_user)

    html = client.get(reverse("residences:my_balance")).content.decode()

    assert "You owe" in html and "$100.00" in html
    assert "Rent, this week" in html
    assert "Part of your balance is past due" in html
    assert "How the house handles an unpaid balance" in html


def test_a_resident_cannot_open_another_residents_statement(client, harbor, stay):
    resident_user = make_member(harbor, Role.RESIDENT)
    make_stay(harbor, user=resident_user)
    client.force_login(resident_user)
    assert client.get(reverse("residences:statement", kwargs={"stay_pk": stay.pk})).status_code == 403


def test_a_resident_prints_their_own_statement(client, harbor, today):
    resident_user = make_member(harbor, Role.RESIDENT)
    stay = make_stay(harbor, user=resident_user)
    with tenant_scope(harbor):
        charge(stay, "175.00", on=today)
    client.force_login(resident_user)
    url = reverse("residences:statement", kwargs={"stay_pk": stay.pk})

    html = client.get(url, {"starts_on": (today - timedelta(days=7)).isoformat(), "ends_on": today}).content.decode()

    assert "Statement" in html and "$175.00" in html
    assert "42 CFR Part 2" not in html  # a statement carries no clinical information, so no redisclosure notice


def test_a_statement_with_dates_the_wrong_way_round_says_so(client, harbor, stay, today):
    client.force_login(manager_of(home_of_stay(stay)))
    url = reverse("residences:statement", kwargs={"stay_pk": stay.pk})
    response = client.get(url, {"starts_on": today.isoformat(), "ends_on": (today - timedelta(days=3)).isoformat()})
    assert response.status_code == 200
    assert "The end date comes before the start date" in response.content.decode()
    assert client.get(url, {"starts_on": "soon", "ends_on": "later"}).status_code == 200


def test_a_resident_without_a_stay_sees_a_plain_my_balance_page(client, harbor):
    client.force_login(make_member(harbor, Role.RESIDENT))
    response = client.get(reverse("residences:my_balance"))
    assert response.status_code == 200
    assert "no rent or fees with this house yet" in response.content.decode()


def test_a_resident_signs_their_disclosure_on_their_phone(client, harbor):
    resident_user = make_member(harbor, Role.RESIDENT)
    stay = make_stay(harbor, user=resident_user, signed=False)
    with tenant_scope(harbor):
        disclosure = services.prepare_fee_disclosure(
            stay=stay, rent_amount=D("180.00"), rent_period="weekly", refund_policy="Refunds within 14 days."
        )
    client.force_login(resident_user)
    assert "Read and sign" in client.get(reverse("residences:my_balance")).content.decode()
    url = reverse("residences:sign_disclosure", kwargs={"pk": disclosure.pk})

    refused = client.post(url, {"signed_name": "Jordan Reyes"})
    response = client.post(url, {"signed_name": "Jordan Reyes", "agreed": "on"})

    assert "Tick the box" in refused.content.decode()
    assert response.status_code == 302 and response["Location"] == reverse("residences:my_balance")
    disclosure.refresh_from_db()
    assert disclosure.is_signed and not disclosure.signed_in_person


def test_staff_prepare_a_disclosure_prefilled_with_the_homes_rent(client, harbor):
    stay = make_stay(harbor, rent=D("190.00"), signed=False)
    client.force_login(manager_of(home_of_stay(stay)))
    url = reverse("residences:prepare_disclosure", kwargs={"stay_pk": stay.pk})
    assert 'value="190.00"' in client.get(url).content.decode()

    form = {"rent_amount": "190.00", "rent_period": "weekly", "deposit_amount": "0", "refund_policy": "Fair."}
    response = client.post(url, {**form, "rent_rule": "full_period"})

    assert response.status_code == 302
    with tenant_scope(harbor):
        disclosure = FeeDisclosure.objects.get(stay=stay)
    assert (disclosure.rent_amount, disclosure.rent_rule) == (D("190.00"), "full_period")


def test_who_is_behind_page_shows_balances_to_the_homes_manager(client, harbor, stay, today):
    with tenant_scope(harbor):
        charge(stay, "175.00", on=today)
    client.force_login(manager_of(home_of_stay(stay)))
    response = client.get(reverse("residences:behind", kwargs={"residence_pk": home_of_stay(stay).pk}))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Jordan Reyes" in html and "$175.00" in html


def test_ledger_pages_label_every_input_and_use_no_inline_script_or_style(client, harbor, stay, today):
    import re

    with tenant_scope(harbor):
        entry = charge(stay, "175.00", on=today)
        pending = services.prepare_fee_disclosure(
            stay=stay, rent_amount=D("180.00"), rent_period="weekly", refund_policy="Refunds within 14 days."
        )
    client.force_login(manager_of(home_of_stay(stay)))
    urls = [
        reverse(name, kwargs={"stay_pk": stay.pk})
        for name in (
            "residences:ledger",
            "residences:post_charge",
            "residences:record_payment",
            "residences:post_credit",
            "residences:statement",
            "residences:prepare_disclosure",
        )
    ]
    urls += [
        reverse("residences:correct_entry", kwargs={"pk": entry.pk}),
        reverse("residences:sign_disclosure", kwargs={"pk": pending.pk}),
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        assert "style=" not in html and "<script>" not in html, url
        for field_id in re.findall(r'<(?:input|select|textarea)[^>]*\sid="([^"]+)"', html):
            assert f'for="{field_id}"' in html, f"{url}: {field_id} has no label"


# --- Query counts that do not grow with the data -------------------------------------------------------------


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context.captured_queries)


def _add_entries(organization, stay, count, today):
    with tenant_scope(organization):
        for n in range(count):
            day = today - timedelta(days=n % 50)
            if n % 3 == 2:
                pay(stay, "50.00", on=day, payer_kind="family", payer_name="A. Parent")
            else:
                entry = charge(stay, "25.00", on=day)
                if n % 7 == 0:
                    services.correct_entry(entry=entry, reason="Posted twice")


@pytest.mark.parametrize(
    "page", ["residences:ledger", "residences:statement", "residences:my_balance", "residences:behind"]
)
def test_ledger_pages_run_the_same_number_of_queries_with_more_entries(client, harbor, today, page):
    resident_user = make_member(harbor, Role.RESIDENT)
    stay = make_stay(harbor, user=resident_user)
    residence = home_of_stay(stay)
    others = [make_stay(harbor, residence=residence) for _ in range(2)]
    if page == "residences:my_balance":
        client.force_login(resident_user)
        url = reverse(page)
    else:
        client.force_login(manager_of(home_of_stay(stay)))
        kwargs = {"residence_pk": residence.pk} if page == "residences:behind" else {"stay_pk": stay.pk}
        url = reverse(page, kwargs=kwargs)
        if page == "residences:statement":
            url += f"?starts_on={today - timedelta(days=60)}&ends_on={today}"

    _add_entries(harbor, stay, 3, today)
    _queries(client, url)  # warm up: the session and the cache settle on the first request
    few = _queries(client, url)
    _add_entries(harbor, stay, 40, today)
    for other in others:
        _add_entries(harbor, other, 10, today)
    many = _queries(client, url)

    assert few == many


# --- Isolation ---------------------------------------------------------------------------------------------------


def test_every_ledger_route_with_an_id_is_known_to_the_isolation_suite():
    with_ids = {
        f"residences:{p.name}" for p in ledger_urls.urlpatterns if isinstance(p, URLPattern) and p.pattern.converters
    }
    assert with_ids == set(ledger_routes.OBJECT_ROUTES)


@pytest.mark.parametrize("role", Role.values)
@pytest.mark.parametrize("route_name", sorted(ledger_routes.OBJECT_ROUTES))
def test_another_organizations_ledger_object_answers_404_for_every_role(client, harbor, cedar, route_name, role):
    url = reverse(route_name, kwargs=ledger_routes.OBJECT_ROUTES[route_name](harbor))
    client.force_login(make_member(cedar, role))
    get, post = client.get(url), client.post(url, {})
    statuses = {"GET": get.status_code, "POST": post.status_code}
    assert set(statuses.values()) <= {404, 405}, f"{url} as a {role} of another organization answered {statuses}"
    assert 404 in statuses.values()
    assert MARKER not in get.content.decode() + post.content.decode()


def test_my_balance_shows_nothing_of_another_organization(client, harbor, cedar):
    make_stay(harbor, last_name=MARKER, user=make_member(harbor, Role.RESIDENT))
    for role in (Role.RESIDENT, Role.ADMIN):
        client.force_login(make_member(cedar, role))
        response = client.get(reverse("residences:my_balance"))
        assert response.status_code in (200, 403)
        assert MARKER not in response.content.decode()


def test_a_person_belonging_to_both_organizations_sees_only_the_active_ones_stay(client, harbor, cedar, today):
    person = make_member(harbor, Role.RESIDENT)
    with tenant_scope(cedar):
        Membership.objects.create(user=person, role=Role.RESIDENT)
    make_stay(harbor, user=person, last_name=MARKER)
    cedar_stay = make_stay(cedar, user=person, last_name="Cedar")
    with tenant_scope(cedar):
        charge(cedar_stay, "42.00", on=today)
    client.force_login(person)
    session = client.session
    session["hearth_organization_id"] = cedar.pk
    session.save()

    html = client.get(reverse("residences:my_balance")).content.decode()

    assert "$42.00" in html and MARKER not in html


# --- Admin and demo ----------------------------------------------------------------------------------------------


def test_the_ledger_admin_is_read_only(rf):
    from django.contrib import admin

    from residences.ledger import admin as admin_ledger  # noqa: F401 - registers the ledger's admin

    request = rf.get("/admin/")
    for model in (LedgerEntry, FeeDisclosure, NonPaymentStep):
        model_admin = admin.site._registry[model]
        assert not model_admin.has_add_permission(request)
        assert not model_admin.has_change_permission(request)
        assert not model_admin.has_delete_permission(request)


def test_demo_ledgers_have_some_residents_behind_and_seeding_again_adds_nothing(harbor):
    from residences.ledger import demo

    residence = None
    for n in range(4):
        stay = make_stay(harbor, signed=False, residence=residence, last_name=f"Demo{n}")
        residence = home_of_stay(stay)

    demo.seed(harbor)
    with tenant_scope(harbor):
        count = LedgerEntry.objects.count()
        behind = selectors.who_is_behind(residence, today=organization_today())
        assert count > 4 * 8
        assert 0 < len(behind) < 4
        assert NonPaymentStep.objects.exists()
        assert LedgerEntry.objects.filter(payer_kind="agency").exists()
    demo.seed(harbor)
    with tenant_scope(harbor):
        assert LedgerEntry.objects.count() == count


def test_demo_ledgers_do_nothing_without_stays(harbor):
    from residences.ledger import demo

    demo.seed(harbor)
    with tenant_scope(harbor):
        assert not LedgerEntry.objects.exists()


def test_a_moved_out_stay_keeps_its_ledger_and_stays_readable(client, harbor, stay, today):
    with tenant_scope(harbor):
        charge(stay, "175.00", on=today - timedelta(days=1))
        move_out(stay=stay, on=today, reason="completed")
    client.force_login(manager_of(home_of_stay(stay)))
    response = client.get(reverse("residences:ledger", kwargs={"stay_pk": stay.pk}))
    assert response.status_code == 200 and "$175.00" in response.content.decode()


def test_a_printed_statement_leaves_out_the_sites_navigation():
    """The statement is printed from the browser: the print stylesheet hides the header, the footer and the tab bar
    (classes every page has, base.html), so the paper holds the statement alone."""
    import re
    from pathlib import Path

    css = (Path(__file__).resolve().parents[2] / "recovery" / "static" / "css" / "hearth.css").read_text()
    print_rules = re.search(r"@media print \{(.*?)\n\}", css, re.S)
    assert print_rules, "hearth.css has no print stylesheet"
    hidden = print_rules.group(1).split("{")[0]
    for selector in (".site-header", ".site-footer", ".tab-bar"):
        assert selector in hidden
    assert "display: none" in print_rules.group(1)


def test_a_posting_day_is_checked_on_the_homes_clock_not_the_organizations(harbor, monkeypatch):
    from datetime import UTC, date, datetime
    from zoneinfo import ZoneInfo

    from django.utils import timezone

    from recovery.tenancy import home_today
    from tests.residences.builders import admit, make_home, sign_disclosure

    denver = make_home(harbor, time_zone=ZoneInfo("America/Denver"))  # 2 hours behind the New York organization
    stay = admit(denver)
    sign_disclosure(stay)
    # 11:30 p.m. on January 10 in Denver is already 1:30 a.m. on January 11 in New York.
    monkeypatch.setattr(timezone, "now", lambda: datetime(2027, 1, 11, 6, 30, tzinfo=UTC))
    with tenant_scope(harbor):
        assert home_today(selectors.residence_of_stay(stay)) == date(2027, 1, 10)
        charge = {"stay": stay, "category": "fee", "amount": Decimal("5.00"), "description": "Key"}
        with pytest.raises(services.LedgerProblem, match="never in the future"):
            services.post_charge(**charge, posted_on=date(2027, 1, 11))
        assert services.post_charge(**charge, posted_on=date(2027, 1, 10)).posted_on == date(2027, 1, 10)
