"""Demo ledgers: a signed fee disclosure, a deposit and weeks of rent and payments for every current stay, with
some residents behind (and the unpaid-balance steps they have reached). Runs after the stays are seeded; safe to
run again: a stay whose ledger already has entries is left as it is."""

from datetime import datetime, time, timedelta
from decimal import Decimal

from django.utils import timezone

from recovery.registry import demo_seeder
from recovery.tenancy import organization_today, tenant_scope
from residences.ledger import services
from residences.ledger.models import EntryCategory, PayerKind, PaymentMethod
from residences.ledger.selectors import residence_of_stay
from residences.models import LedgerEntry, RentPeriod, Stay

DEMO_WEEKLY_RENT = Decimal("175.00")
DEMO_DEPOSIT = Decimal("150.00")
WEEKS_OF_HISTORY = 8
# Every third resident is behind: they have missed their last few weeks' rent.
BEHIND_EVERY = 3
WEEKS_MISSED = 3


@demo_seeder(order=11)
def seed(organization, spec=None) -> None:
    with tenant_scope(organization):
        # An organization that has a ledger is left as it is: seeding again must not give weeks of invented history
        # to a stay that came later (a demo arrival, or someone a newcomer admitted).
        if LedgerEntry.objects.exists():
            return
        today = organization_today()
        stays = Stay.objects.filter(move_out__isnull=True, move_in__lte=today).select_related("resident")
        for index, stay in enumerate(stays.order_by("pk")):
            if LedgerEntry.objects.filter(stay=stay).exists():
                continue
            _seed_stay(stay, today=today, behind=index % BEHIND_EVERY == BEHIND_EVERY - 1, agency=index % 4 == 1)


def _seed_stay(stay: Stay, *, today, behind: bool, agency: bool) -> None:
    starts_on = max(stay.move_in, today - timedelta(weeks=WEEKS_OF_HISTORY))
    disclosure = services.latest_signed_disclosure(stay)
    if disclosure is None:
        residence = residence_of_stay(stay)
        rent = residence.rent_amount if residence is not None and residence.rent_amount > 0 else DEMO_WEEKLY_RENT
        disclosure = services.prepare_fee_disclosure(
            stay=stay,
            rent_amount=rent,
            rent_period=RentPeriod.WEEKLY if residence is None else residence.rent_period,
            deposit_amount=DEMO_DEPOSIT,
            fee_schedule="Replacement key: $10.00\nLate fee: none — the house uses a payment plan instead.",
            refund_policy=services.DEFAULT_REFUND_POLICY,
        )
        disclosure = services.sign_fee_disclosure(
            disclosure=disclosure,
            signed_name=f"{stay.resident.first_name} {stay.resident.last_name}",
            agreed=True,
            by=None,
            now=datetime.combine(starts_on, time(10, 0), tzinfo=timezone.get_current_timezone()),
        )
    services.post_charge(
        stay=stay, category=EntryCategory.DEPOSIT, amount=DEMO_DEPOSIT, posted_on=starts_on, description="Deposit"
    )
    services.record_payment(stay=stay, amount=DEMO_DEPOSIT, method=PaymentMethod.MONEY_ORDER, posted_on=starts_on)

    day, weeks = starts_on, []
    while day <= today:
        entry, outcome = services.post_rent_for_stay(stay=stay, on=day)
        if outcome == "posted":
            weeks.append(entry)
        day = services.rent_period_containing(rent_period=disclosure.rent_period, day=day).ends_on
    paid = weeks[:-WEEKS_MISSED] if behind else weeks
    for entry in paid:
        payer = {"payer_kind": PayerKind.AGENCY, "payer_name": "County Recovery Support Program"} if agency else {}
        services.record_payment(
            stay=stay,
            amount=entry.amount,
            method=PaymentMethod.CHECK if agency else PaymentMethod.CASH,
            posted_on=min(entry.posted_on + timedelta(days=2), today),
            **payer,
        )
    if behind:
        # Replay the days, so the steps open on the dates a daily run would have opened them.
        day = starts_on
        while day <= today:
            services.advance_nonpayment_steps(stay=stay, today=day)
            day += timedelta(days=1)
