"""Demo treasury for one peer-run (or democratic) home: shared expenses and last month's audit. Called by
the house-life demo (governance.chores.demo); skipped once the home has expenses."""

from datetime import timedelta
from decimal import Decimal

from governance.treasury import services as treasury_services
from governance.treasury.models import TreasuryExpense
from residences.homes.selectors import living_in


def seed_treasury(home, *, today, by) -> None:
    """Contributions and shared expenses in `home` over about six weeks, and last month's audit. Nothing when the
    home has expenses."""
    if TreasuryExpense.objects.filter(residence=home).exists():
        return
    rows = sorted(living_in(home, on=today), key=lambda row: row.starts_on)
    stays = [row.stay for row in rows]
    first_day = max(rows[-1].starts_on, today - timedelta(days=40))  # everyone of today lived here from then on
    for stay in stays:
        treasury_services.record_contribution(
            residence=home, resident=stay.resident, paid_on=first_day, amount=Decimal("20.00"), note="House fund", by=by
        )
    expenses = [
        ("Paper towels and soap", "18.47", None),
        ("Groceries for house dinner", "62.10", 0),
        ("Light bulbs", "9.99", None),
        ("Coffee and filters", "14.25", -1),
    ]
    for offset, (what, amount, payer) in enumerate(expenses):
        spent_on = min(today, first_day + timedelta(days=3 + 8 * offset))
        paid_by = stays[payer].resident if payer is not None else None
        treasury_services.record_expense(
            residence=home, spent_on=spent_on, what=what, amount=Decimal(amount), paid_by=paid_by, by=by
        )
    last_month = treasury_services.month_start(today) - timedelta(days=1)
    audit = treasury_services.open_audit(residence=home, month=last_month)
    signers = [stay.resident.user for stay in stays if stay.resident.user_id][:2]
    if len(signers) == 2:
        for signer in signers:
            audit = treasury_services.sign_audit(audit=audit, by=signer, as_manager=False)
    elif by is not None:
        treasury_services.sign_audit(audit=audit, by=by, as_manager=True)
