"""The ledger's verbs: disclose and sign the fees, post charges, take payments, credit, correct, post the
recurring rent once per period, and follow the house's steps for an unpaid balance.

Every write goes through here. A posted entry is final: there is no function that changes one, only
`correct_entry`, which posts a reversing entry with a reason.
"""

from contextlib import suppress
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation

from django.db import IntegrityError, transaction
from django.db.models import Sum
from django.urls import reverse
from django.utils import timezone

from recovery.errors import DomainError
from recovery.notifications.services import RecipientNotAMember, notify
from recovery.tenancy import organization_today
from residences.homes.models import RentPeriod
from residences.homes.selectors import home_of, house_managers_of, stays_living_in
from residences.ledger.models import (
    THIRD_PARTY_PAYERS,
    EntryCategory,
    EntryKind,
    NonPaymentStepKind,
    PayerKind,
    PaymentMethod,
)
from residences.models import FeeDisclosure, LedgerEntry, NonPaymentStep, Residence, Stay

CENT = Decimal("0.01")
ZERO = Decimal("0.00")
RENT_KEY_PREFIX = "rent:"

# The house's published steps for an unpaid balance, in order, with how many days the oldest unpaid charge
# must have waited before each one opens. One step opens per run, so nobody gets a notice before a reminder.
NONPAYMENT_STEPS = (
    (NonPaymentStepKind.REMINDER, 1),
    (NonPaymentStepKind.NOTICE, 7),
    (NonPaymentStepKind.PAYMENT_PLAN, 14),
    (NonPaymentStepKind.REVIEW, 30),
)

# What each step means, shown to the resident on their balance page and in their notification.
STEP_NOTES = {
    NonPaymentStepKind.REMINDER: (
        "Part of your balance is past due. Please pay it, or talk with your house manager if money is tight. "
        "Nothing else happens yet."
    ),
    NonPaymentStepKind.NOTICE: (
        "Your balance has been past due for a week. Please pay it or talk with your house manager this week, "
        "so you can agree on a plan together."
    ),
    NonPaymentStepKind.PAYMENT_PLAN: (
        "Your house manager will sit down with you to agree on a plan you can keep. You may bring a peer or a "
        "support person."
    ),
    NonPaymentStepKind.REVIEW: (
        "The balance has been past due for a month, so your stay will be reviewed with you. You will be heard "
        "before anything is decided, and you may bring a support person."
    ),
}

DEFAULT_REFUND_POLICY = (
    "Rent paid in advance for days after you move out is refunded within 14 days. The deposit is refunded "
    "within 30 days of move-out, less the cost of any damage beyond normal wear, with an itemized list."
)


class LedgerProblem(DomainError):
    pass


class DisclosureNotSigned(LedgerProblem):
    pass


class LedgerEntryIsFinal(LedgerProblem):
    pass


# --- Small rules used throughout -----------------------------------------------------------------------------


def _money(amount, *, allow_zero=False) -> Decimal:
    """Dollars and cents as Decimal. A float is a programming error (it cannot hold cents exactly)."""
    if isinstance(amount, float) or not isinstance(amount, Decimal | int | str):
        raise TypeError("Money is Decimal, never float.")
    try:
        amount = Decimal(amount)
    except InvalidOperation:
        raise LedgerProblem("Enter an amount in dollars and cents, for example 150.00.") from None
    if not amount.is_finite():
        raise LedgerProblem("Enter an amount in dollars and cents, for example 150.00.")
    if amount != amount.quantize(CENT):
        raise LedgerProblem("Amounts are in dollars and cents: use at most two digits after the point.")
    if amount < 0 or (amount == 0 and not allow_zero):
        raise LedgerProblem("Enter an amount above zero, for example 150.00.")
    return amount.quantize(CENT)


def _check_posted_on(posted_on: date) -> None:
    if posted_on > organization_today():
        raise LedgerProblem("An entry is posted on today's date or an earlier one, never in the future.")


def latest_signed_disclosure(stay: Stay) -> FeeDisclosure | None:
    return FeeDisclosure.objects.filter(stay=stay, signed_at__isnull=False).order_by("-signed_at", "-pk").first()


def _require_signed_disclosure(stay: Stay) -> FeeDisclosure:
    disclosure = latest_signed_disclosure(stay)
    if disclosure is None:
        raise DisclosureNotSigned(
            "This resident has not signed the fee and refund disclosure yet, so no charge can be posted and no "
            "money taken. Prepare the disclosure from their ledger page and ask them to read and sign it first."
        )
    return disclosure


def _locked_stay(stay: Stay) -> Stay:
    # Writes to one stay's ledger take turns, so balances and steps are read consistently.
    return Stay.objects.select_for_update().get(pk=stay.pk)


def _post(*, stay: Stay, kind: str, amount: Decimal, posted_on: date, by, **fields) -> LedgerEntry:
    effect = amount if kind == EntryKind.CHARGE else -amount
    return LedgerEntry.objects.create(
        stay=stay, kind=kind, amount=amount, balance_effect=effect, posted_on=posted_on, created_by=by, **fields
    )


# --- The fee disclosure ------------------------------------------------------------------------------------


@transaction.atomic
def prepare_fee_disclosure(
    *,
    stay: Stay,
    rent_amount,
    rent_period: str,
    refund_policy: str,
    deposit_amount=ZERO,
    fee_schedule: str = "",
    by=None,
) -> FeeDisclosure:
    """Write down the rent, deposit, other fees and refund policy for a resident to read and sign.

    A snapshot: later changes to the home's policies do not change what this resident agreed to. A newer
    disclosure replaces one still waiting for a signature (it was never agreed, so nothing is lost).
    """
    stay = _locked_stay(stay)
    if stay.move_out is not None:
        raise LedgerProblem("This stay has ended; a new disclosure is only for a current stay.")
    if rent_period not in RentPeriod.values:
        raise LedgerProblem("Choose whether rent is weekly or monthly.")
    if not refund_policy.strip():
        raise LedgerProblem("Write the refund policy: residents must know it before they pay anything.")
    FeeDisclosure.objects.filter(stay=stay, signed_at__isnull=True).delete()
    return FeeDisclosure.objects.create(
        stay=stay,
        rent_amount=_money(rent_amount, allow_zero=True),
        rent_period=rent_period,
        deposit_amount=_money(deposit_amount, allow_zero=True),
        fee_schedule=fee_schedule.strip(),
        refund_policy=refund_policy.strip(),
        prepared_by=by,
    )


@transaction.atomic
def sign_fee_disclosure(
    *, disclosure: FeeDisclosure, signed_name: str, agreed: bool, by, ip_address: str | None = None, now=None
) -> FeeDisclosure:
    """The resident signs: their typed name, when, and from where. Signed once; the signature is final.

    Signed on the resident's own account, or in person on a staff member's (recorded as such).
    """
    disclosure = (
        FeeDisclosure.objects.select_for_update(of=("self",))
        .select_related("stay__resident", "organization")
        .get(pk=disclosure.pk)
    )
    if disclosure.is_signed:
        signed_on = timezone.localdate(disclosure.signed_at, timezone=disclosure.organization.time_zone)
        raise LedgerProblem(f"This disclosure was already signed on {signed_on:%B %-d, %Y}.")
    newest = FeeDisclosure.objects.filter(stay=disclosure.stay_id).order_by("-prepared_at", "-pk").first()
    if newest.pk != disclosure.pk:
        raise LedgerProblem("A newer version of this disclosure has been prepared; sign that one instead.")
    if not agreed:
        raise LedgerProblem("Tick the box to say you have read the fees and the refund policy and agree to them.")
    signed_name = " ".join(signed_name.split())
    if not signed_name:
        raise LedgerProblem("Type your full name to sign.")
    disclosure.signed_name = signed_name[:200]
    disclosure.signed_at = now or timezone.now()
    disclosure.signed_ip = ip_address or None
    disclosure.signed_by = by
    disclosure.signed_in_person = by is None or disclosure.stay.resident.user_id != by.pk
    disclosure.save()
    return disclosure


# --- Posting entries ---------------------------------------------------------------------------------------


@transaction.atomic
def post_charge(
    *, stay: Stay, category: str, amount, posted_on: date, description: str = "", by=None, period_key: str = ""
) -> LedgerEntry:
    """Charge the resident rent, a deposit or a fee. Refused until they have signed the fee disclosure."""
    stay = _locked_stay(stay)
    _require_signed_disclosure(stay)
    if category not in EntryCategory.values:
        raise LedgerProblem("Choose what the charge is for: rent, deposit, a fee or other.")
    _check_posted_on(posted_on)
    return _post(
        stay=stay,
        kind=EntryKind.CHARGE,
        amount=_money(amount),
        posted_on=posted_on,
        by=by,
        category=category,
        description=description.strip(),
        period_key=period_key,
    )


@transaction.atomic
def record_payment(
    *,
    stay: Stay,
    amount,
    method: str,
    posted_on: date,
    payer_kind: str = PayerKind.RESIDENT,
    payer_name: str = "",
    reference: str = "",
    description: str = "",
    by=None,
) -> LedgerEntry:
    """Money received: from the resident, or from family, an agency or someone else (who is then named).

    Refused until the resident has signed the fee disclosure: no money is taken before they know the terms.
    """
    stay = _locked_stay(stay)
    _require_signed_disclosure(stay)
    if method not in PaymentMethod.values:
        raise LedgerProblem("Choose how it was paid: cash, check, card, money order or other.")
    if payer_kind not in PayerKind.values:
        raise LedgerProblem("Choose who paid.")
    payer_name = " ".join(payer_name.split())
    if payer_kind in THIRD_PARTY_PAYERS and not payer_name:
        raise LedgerProblem("Write the name of the family member, agency or person who paid.")
    _check_posted_on(posted_on)
    return _post(
        stay=stay,
        kind=EntryKind.PAYMENT,
        amount=_money(amount),
        posted_on=posted_on,
        by=by,
        payer_kind=payer_kind,
        payer_name=payer_name if payer_kind in THIRD_PARTY_PAYERS else "",
        method=method,
        reference=reference.strip(),
        description=description.strip(),
    )


@transaction.atomic
def post_credit(*, stay: Stay, amount, description: str, posted_on: date, category: str = "", by=None) -> LedgerEntry:
    """Lower what the resident owes without money changing hands (a scholarship week, work in the house)."""
    stay = _locked_stay(stay)
    description = description.strip()
    if not description:
        raise LedgerProblem("Say what the credit is for, so the resident can read it on their statement.")
    if category and category not in EntryCategory.values:
        raise LedgerProblem("Choose what the credit is for: rent, deposit, a fee or other.")
    _check_posted_on(posted_on)
    return _post(
        stay=stay,
        kind=EntryKind.CREDIT,
        amount=_money(amount),
        posted_on=posted_on,
        by=by,
        category=category,
        description=description,
    )


def change_entry(*, entry: LedgerEntry, **changes) -> LedgerEntry:
    """Always refused: a posted entry is never edited. Correct it with `correct_entry` instead."""
    raise LedgerEntryIsFinal(
        "A posted entry cannot be changed. Post a correction with a reason instead: it reverses the entry, "
        "and both stay on the ledger for everyone to see."
    )


@transaction.atomic
def correct_entry(*, entry: LedgerEntry, reason: str, by=None, posted_on: date | None = None) -> LedgerEntry:
    """Reverse a posted entry with a new one that says why. The original stays on the ledger, marked corrected.

    An entry is corrected once; a correction is not itself corrected (post a new charge or credit instead).
    Post the right amount afterwards as a new entry if one is due.
    """
    reason = " ".join(reason.split())
    if not reason:
        raise LedgerProblem("Write the reason for the correction; it shows on the ledger and the statement.")
    entry = LedgerEntry.objects.select_for_update().get(pk=entry.pk)
    _locked_stay(entry.stay)
    if entry.kind == EntryKind.ADJUSTMENT:
        raise LedgerProblem("A correction cannot itself be corrected. Post a new charge or credit instead.")
    if LedgerEntry.objects.filter(corrects=entry).exists():
        raise LedgerProblem("This entry has already been corrected.")
    posted_on = posted_on or organization_today()
    _check_posted_on(posted_on)
    try:
        with transaction.atomic():
            return LedgerEntry.objects.create(
                stay_id=entry.stay_id,
                kind=EntryKind.ADJUSTMENT,
                category=entry.category,
                description=f"Correction of the {entry.get_kind_display().lower()} of {entry.posted_on:%B %-d, %Y}",
                amount=entry.amount,
                balance_effect=-entry.balance_effect,
                posted_on=posted_on,
                corrects=entry,
                reason=reason[:300],
                created_by=by,
            )
    except IntegrityError as error:
        raise LedgerProblem("This entry has just been corrected by someone else.") from error


def balance_for(stay: Stay) -> Decimal:
    """What the resident owes now (negative: paid ahead)."""
    total = LedgerEntry.objects.filter(stay=stay).aggregate(total=Sum("balance_effect"))["total"]
    return Decimal(total or ZERO).quantize(CENT)


# --- Recurring rent ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Period:
    key: str
    starts_on: date
    ends_on: date  # exclusive
    label: str


def rent_period_containing(*, rent_period: str, day: date) -> Period:
    """The rent period a day falls in: an ISO week (Monday to Sunday) or a calendar month."""
    if rent_period == RentPeriod.WEEKLY:
        starts_on = day - timedelta(days=day.weekday())
        iso = day.isocalendar()
        return Period(
            key=f"{RENT_KEY_PREFIX}{iso.year}-W{iso.week:02d}",
            starts_on=starts_on,
            ends_on=starts_on + timedelta(days=7),
            label=f"Rent, week of {starts_on:%B %-d, %Y}",
        )
    if rent_period == RentPeriod.MONTHLY:
        starts_on = day.replace(day=1)
        ends_on = (starts_on + timedelta(days=32)).replace(day=1)
        return Period(
            key=f"{RENT_KEY_PREFIX}{day:%Y-%m}", starts_on=starts_on, ends_on=ends_on, label=f"Rent, {day:%B %Y}"
        )
    raise ValueError(f"Unknown rent period {rent_period!r}.")


def period_from_key(key: str) -> Period:
    """The period a recurring rent key names ("rent:2026-W48", "rent:2026-11")."""
    value = key.removeprefix(RENT_KEY_PREFIX)
    if "-W" in value:
        year, week = value.split("-W")
        return rent_period_containing(rent_period=RentPeriod.WEEKLY, day=date.fromisocalendar(int(year), int(week), 1))
    year, month = value.split("-")
    return rent_period_containing(rent_period=RentPeriod.MONTHLY, day=date(int(year), int(month), 1))


@dataclass
class RentRun:
    """What one run of the recurring rent did for a home."""

    posted: list = field(default_factory=list)
    already_posted: int = 0  # or covered by an earlier period of other terms
    waiting_for_signature: list = field(default_factory=list)  # stay ids with no signed disclosure
    no_rent: int = 0


def post_rent_for_stay(*, stay: Stay, on: date, by=None) -> tuple[LedgerEntry | None, str]:
    """Charge this stay's rent for the period containing `on`, at most once per period.

    The amount and period are the ones the resident signed. No day is charged twice: when the signed terms
    switch between weekly and monthly, the new terms start with the first period that does not overlap one
    already charged. Returns the entry (new or already there, if any) and what happened: "posted",
    "already_posted", "covered" (an earlier period already charged these days), "waiting_for_signature" or
    "no_rent".
    """
    disclosure = latest_signed_disclosure(stay)
    if disclosure is None:
        return None, "waiting_for_signature"
    if disclosure.rent_amount <= 0:
        return None, "no_rent"
    period = rent_period_containing(rent_period=disclosure.rent_period, day=on)
    existing = LedgerEntry.objects.filter(stay=stay, period_key=period.key).first()
    if existing is not None:
        return existing, "already_posted"
    # Rent is posted on a day inside its own period, so any period overlapping this one was posted nearby.
    nearby = LedgerEntry.objects.filter(
        stay=stay,
        period_key__startswith=RENT_KEY_PREFIX,
        posted_on__gt=period.starts_on - timedelta(days=31),
        posted_on__lt=period.ends_on + timedelta(days=31),
    ).values_list("period_key", flat=True)
    for key in nearby:
        other = period_from_key(key)
        if other.starts_on < period.ends_on and period.starts_on < other.ends_on:
            return None, "covered"
    try:
        with transaction.atomic():
            entry = post_charge(
                stay=stay,
                category=EntryCategory.RENT,
                amount=disclosure.rent_amount,
                posted_on=on,
                description=period.label,
                by=by,
                period_key=period.key,
            )
    except IntegrityError:
        # Another run posted this period between our look and our write: the unique key kept it to one.
        return LedgerEntry.objects.get(stay=stay, period_key=period.key), "already_posted"
    return entry, "posted"


def post_recurring_rent(*, residence: Residence, on: date, by=None) -> RentRun:
    """Post this period's rent for everyone living in the home on `on`. Safe to run any number of times.

    Each stay's rent follows the terms its resident signed (weekly or monthly, and the amount); a stay whose
    resident has not signed yet is skipped and reported, never charged.
    """
    run = RentRun()
    for stay in stays_living_in(residence, on=on):
        entry, outcome = post_rent_for_stay(stay=stay, on=on, by=by)
        if outcome == "posted":
            run.posted.append(entry)
        elif outcome in ("already_posted", "covered"):
            run.already_posted += 1
        elif outcome == "waiting_for_signature":
            run.waiting_for_signature.append(stay.pk)
        else:
            run.no_rent += 1
    return run


# --- Unpaid balances ---------------------------------------------------------------------------------------


def overdue_since(stay: Stay) -> tuple[Decimal, date | None]:
    """The balance and the date of the oldest charge not yet paid (None when nothing is owed).

    Payments and credits pay the oldest charges first, the usual way a ledger is aged.
    """
    effects = list(
        LedgerEntry.objects.filter(stay=stay)
        .order_by("posted_on", "created_at", "pk")
        .values_list("posted_on", "balance_effect")
    )
    balance = sum((effect for _day, effect in effects), ZERO)
    if balance <= 0:
        return balance, None
    paid = -sum((effect for _day, effect in effects if effect < 0), ZERO)
    charged = ZERO
    for day, effect in effects:
        if effect > 0:
            charged += effect
            if charged > paid:
                return balance, day
    return balance, None  # unreachable while balance > 0; kept for the type checker's peace


def _notify_resident(stay: Stay, step: NonPaymentStep) -> None:
    user = stay.resident.user
    if user is None:
        return  # no sign-in yet: the house manager tells them in person, and the step shows on their ledger
    # Someone who no longer signs in here is not notified; the step is still recorded and shown to staff.
    with suppress(RecipientNotAMember):
        notify(
            recipient=user,
            kind=f"ledger.nonpayment.{step.step}",
            title=f"{step.get_step_display()}: your balance of ${step.balance_at_step} is past due",
            body=step.note,
            url=reverse("residences:my_balance"),
        )


# Steps where the house manager has something to do: sit down for a plan, or hold the review.
STEPS_FOR_HOUSE_MANAGERS = frozenset({NonPaymentStepKind.PAYMENT_PLAN, NonPaymentStepKind.REVIEW})


def _notify_house_managers(stay: Stay, step: NonPaymentStep) -> None:
    """Tell the managers of the stay's home that a step needs them. No name or amount in the title."""
    for manager in house_managers_of(home_of(stay=stay, on=None, latest=True)):
        with suppress(RecipientNotAMember):
            notify(
                recipient=manager,
                kind=f"ledger.nonpayment.{step.step}.staff",
                title=f"{step.get_step_display()} due for a resident's unpaid balance",
                body="Open their ledger to see the balance and the steps so far.",
                url=reverse("residences:ledger", kwargs={"stay_pk": stay.pk}),
            )


def next_nonpayment_step(opened: set[str], days_overdue: int):
    """The next step not yet opened in this overdue stretch, if it is due after `days_overdue` days."""
    for step, after_days in NONPAYMENT_STEPS:
        if step not in opened:
            return step if days_overdue >= after_days else None
    return None


@transaction.atomic
def advance_nonpayment_steps(*, stay: Stay, today: date) -> NonPaymentStep | None:
    """Open the next of the house's steps for an unpaid balance when it is due, and tell the resident.

    Steps go in order (reminder, notice, payment plan, review), at most one per run, each once per overdue
    stretch; paying off the oldest unpaid charge ends the stretch. Safe to run any number of times a day.
    The house managers of the home hear of the steps that need them (payment plan, review).
    """
    stay = Stay.objects.select_for_update(of=("self",)).select_related("resident__user").get(pk=stay.pk)
    balance, since = overdue_since(stay)
    if since is None:
        return None
    days = (today - since).days
    opened = set(NonPaymentStep.objects.filter(stay=stay, overdue_since=since).values_list("step", flat=True))
    step_kind = next_nonpayment_step(opened, days)
    if step_kind is None:
        return None
    try:
        with transaction.atomic():
            step = NonPaymentStep.objects.create(
                stay=stay,
                step=step_kind,
                overdue_since=since,
                days_overdue=days,
                balance_at_step=balance,
                opened_on=today,
                note=STEP_NOTES[step_kind],
            )
    except IntegrityError:
        return None  # another run opened it a moment ago
    _notify_resident(stay, step)
    if step.step in STEPS_FOR_HOUSE_MANAGERS:
        _notify_house_managers(stay, step)
    return step
