"""The house treasury: expenses split equally among the residents current that day (shares stored, to the cent),
money paid in, balances, the month's report, and the monthly audit (two residents, or a manager)."""

from contextlib import suppress
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.db.models import Sum
from django.utils import timezone

from governance.treasury.models import TreasuryAudit, TreasuryContribution, TreasuryExpense, TreasuryShare
from recovery.errors import DomainError
from residences.homes.selectors import house_managers_of, living_in

CENT = Decimal("0.01")


class TreasuryProblem(DomainError):
    """A treasury entry the house's books say no to."""


def treasury_open(residence) -> bool:
    """Peer-run homes keep a treasury; so does any home where the operator turned on house democracy."""
    return residence.level == 1 or residence.democracy_features


def split_equally(amount: Decimal, count: int) -> list[Decimal]:
    """`count` shares of `amount` that sum to it exactly: the leftover cents go one each to the first shares."""
    cents = int((amount / CENT).to_integral_value())
    base, extra = divmod(cents, count)
    return [Decimal(base + (1 if index < extra else 0)) * CENT for index in range(count)]


def record_expense(*, residence, spent_on: date, what: str, amount: Decimal, paid_by=None, by=None) -> TreasuryExpense:
    if not treasury_open(residence):
        raise TreasuryProblem("This home does not keep a house treasury.")
    amount = Decimal(amount).quantize(CENT)
    if amount <= 0:
        raise TreasuryProblem("The amount must be more than zero.")
    residents = [stay.stay.resident for stay in living_in(residence, on=spent_on).order_by("stay__resident_id")]
    if not residents:
        raise TreasuryProblem("Nobody lived in the home on that day, so there is nobody to share the expense.")
    with transaction.atomic():
        expense = TreasuryExpense.objects.create(
            residence=residence, spent_on=spent_on, what=what.strip(), amount=amount, paid_by=paid_by, recorded_by=by
        )
        TreasuryShare.objects.bulk_create(
            TreasuryShare(expense=expense, resident=resident, amount=share)
            for resident, share in zip(residents, split_equally(amount, len(residents)), strict=True)
        )
    return expense


def record_contribution(*, residence, resident, paid_on: date, amount: Decimal, note="", by=None):
    if not treasury_open(residence):
        raise TreasuryProblem("This home does not keep a house treasury.")
    amount = Decimal(amount).quantize(CENT)
    if amount <= 0:
        raise TreasuryProblem("The amount must be more than zero.")
    return TreasuryContribution.objects.create(
        residence=residence, resident=resident, paid_on=paid_on, amount=amount, note=note, recorded_by=by
    )


def month_start(day: date) -> date:
    return day.replace(day=1)


@dataclass
class MonthReport:
    month: date
    income: Decimal
    expenses: Decimal
    opening_balance: Decimal
    closing_balance: Decimal


def _total(queryset) -> Decimal:
    return queryset.aggregate(total=Sum("amount"))["total"] or Decimal("0.00")


def month_report(residence, month: date) -> MonthReport:
    """The treasurer's report: money paid in and spent from the house fund in the month, and the fund's balance
    before and after (expenses a resident paid themselves are shared, not taken from the fund)."""
    start = month_start(month)
    end = (start + timedelta(days=32)).replace(day=1)
    contributions = TreasuryContribution.objects.filter(residence=residence)
    fund_expenses = TreasuryExpense.objects.filter(residence=residence, paid_by__isnull=True)
    opening = _total(contributions.filter(paid_on__lt=start)) - _total(fund_expenses.filter(spent_on__lt=start))
    income = _total(contributions.filter(paid_on__gte=start, paid_on__lt=end))
    spent = _total(TreasuryExpense.objects.filter(residence=residence, spent_on__gte=start, spent_on__lt=end))
    fund_spent = _total(fund_expenses.filter(spent_on__gte=start, spent_on__lt=end))
    return MonthReport(
        month=start,
        income=income,
        expenses=spent,
        opening_balance=opening,
        closing_balance=opening + income - fund_spent,
    )


def open_audit(*, residence, month: date) -> TreasuryAudit:
    """The month's audit, created once per home and month."""
    start = month_start(month)
    try:
        with transaction.atomic():
            audit, _ = TreasuryAudit.objects.get_or_create(residence=residence, month=start)
    except IntegrityError:
        audit = TreasuryAudit.objects.get(residence=residence, month=start)
    return audit


def audit_to_sign(*, residence, today: date, open_it=False) -> TreasuryAudit | None:
    """The audit waiting for signatures: the oldest unfinished one, else last month's (opened when `open_it`);
    None when the books are checked up to last month."""
    waiting = TreasuryAudit.objects.filter(residence=residence, completed_at__isnull=True).order_by("month").first()
    if waiting is not None:
        return waiting
    last_month = month_start(month_start(today) - timedelta(days=1))
    if TreasuryAudit.objects.filter(residence=residence, month=last_month).exists():
        return None
    return open_audit(residence=residence, month=last_month) if open_it else TreasuryAudit(month=last_month)


def ask_for_last_months_audit(*, residence, today: date) -> TreasuryAudit | None:
    """Open last month's audit of a home that kept books that month, once, and ask its managers to have it
    done. Returns the audit when this call opened it (None when it was open already or there is nothing)."""
    from recovery.notifications.services import RecipientNotAMember, notify

    last_month = month_start(month_start(today) - timedelta(days=1))
    if not treasury_open(residence) or TreasuryAudit.objects.filter(residence=residence, month=last_month).exists():
        return None
    if not TreasuryExpense.objects.filter(residence=residence, spent_on__lt=month_start(today)).exists():
        return None
    # The audit (the month's unique key) and the managers' notifications commit together: a failure while
    # notifying rolls the audit back, so the next run opens it and tells them again.
    with transaction.atomic():
        try:
            with transaction.atomic():
                audit = TreasuryAudit.objects.create(residence=residence, month=last_month)
        except IntegrityError:
            return None
        for manager in house_managers_of(residence):
            with suppress(RecipientNotAMember):  # one who left is skipped; the others are still told
                notify(
                    recipient=manager,
                    kind="governance.treasury_audit_due",
                    title="The house books are ready to check",
                    url=f"/house/treasury/home/{residence.pk}/",
                )
    return audit


def sign_audit(*, audit: TreasuryAudit, by, as_manager: bool) -> TreasuryAudit:
    """Sign that the books match the bank. A manager's signature completes it; otherwise two residents."""
    with transaction.atomic():
        audit = TreasuryAudit.objects.select_for_update().get(pk=audit.pk)
        if audit.completed_at:
            raise TreasuryProblem("This month's audit is already complete.")
        now = timezone.now()
        if audit.first_signer_id is None:
            audit.first_signer, audit.first_signed_at = by, now
        elif audit.first_signer_id == by.pk:
            raise TreasuryProblem("You have already signed. A second person needs to sign too.")
        else:
            audit.second_signer, audit.second_signed_at = by, now
        if as_manager or audit.second_signer_id:
            audit.completed_at = now
        audit.save()
    return audit
