"""Posting to the ledger: charges, payments, credits and corrections (a posted entry is final: only a
reversing entry with a reason corrects it), a stay's balance, and the small rules every part of the ledger uses."""

from datetime import date, timedelta
from decimal import Decimal, InvalidOperation

from django.db import IntegrityError, transaction
from django.db.models import Sum
from django.utils import timezone

from recovery.errors import DomainError
from recovery.tenancy import home_today
from recovery.webhooks import events as webhook_events
from recovery.webhooks.services import emit_event
from residences.homes.selectors import home_of
from residences.ledger.models import (
    THIRD_PARTY_PAYERS,
    EntryCategory,
    EntryKind,
    PayerKind,
    PaymentMethod,
)
from residences.models import FeeDisclosure, LedgerEntry, Stay

CENT = Decimal("0.01")


ZERO = Decimal("0.00")


class LedgerProblem(DomainError):
    pass


class DisclosureNotSigned(LedgerProblem):
    pass


class LedgerEntryIsFinal(LedgerProblem):
    pass


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


def _home_filed_under(stay: Stay):
    """The home the ledger files `stay` under (its current bed's home, else its last one's; `home_of(latest=True)`,
    one query), or None. Its clock dates the stay's entries: a Denver home's rent and posting days turn at Denver's
    midnight (issue 15, item 6), so callers ask `home_today(_home_filed_under(stay))`."""
    return home_of(stay=stay, on=None, latest=True)


def _check_posted_on(posted_on: date, stay: Stay) -> None:
    """Refuse a posting date after today on the clock of the stay's home (`_home_filed_under`). A date no later than
    today's in the westernmost zone (UTC-12) is today or earlier on every clock, so it needs no query (rent runs
    post one charge per stay)."""
    if posted_on > (timezone.now() - timedelta(hours=12)).date() and posted_on > home_today(_home_filed_under(stay)):
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


def _covering(covers: tuple[date, date] | None) -> dict:
    if covers is None:
        return {}
    covers_from, covers_until = covers
    return {"covers_from": covers_from, "covers_until": covers_until}


def _post(*, stay: Stay, kind: str, amount: Decimal, posted_on: date, by, **fields) -> LedgerEntry:
    effect = amount if kind == EntryKind.CHARGE else -amount
    return LedgerEntry.objects.create(
        stay=stay, kind=kind, amount=amount, balance_effect=effect, posted_on=posted_on, created_by=by, **fields
    )


@transaction.atomic
def post_charge(
    *,
    stay: Stay,
    category: str,
    amount,
    posted_on: date,
    description: str = "",
    by=None,
    period_key: str = "",
    covers: tuple[date, date] | None = None,
) -> LedgerEntry:
    """Charge the resident rent, a deposit or a fee. Refused until they have signed the fee disclosure.

    `covers`: for rent, the days charged, [first day, day after the last) (see services.rent).
    """
    stay = _locked_stay(stay)
    _require_signed_disclosure(stay)
    if category not in EntryCategory.values:
        raise LedgerProblem("Choose what the charge is for: rent, deposit, a fee or other.")
    _check_posted_on(posted_on, stay)
    return _post(
        stay=stay,
        kind=EntryKind.CHARGE,
        amount=_money(amount),
        posted_on=posted_on,
        by=by,
        category=category,
        description=description.strip(),
        period_key=period_key,
        **_covering(covers),
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
    _check_posted_on(posted_on, stay)
    payment = _post(
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
    emit_event(kind=webhook_events.PAYMENT_POSTED, object_id=payment.pk)
    return payment


@transaction.atomic
def post_credit(
    *,
    stay: Stay,
    amount,
    description: str,
    posted_on: date,
    category: str = "",
    by=None,
    covers: tuple[date, date] | None = None,
) -> LedgerEntry:
    """Lower what the resident owes without money changing hands (a scholarship week, work in the house).

    `covers`: for rent given back at move-out, the days given back, [first day, day after the last).
    """
    stay = _locked_stay(stay)
    description = description.strip()
    if not description:
        raise LedgerProblem("Say what the credit is for, so the resident can read it on their statement.")
    if category and category not in EntryCategory.values:
        raise LedgerProblem("Choose what the credit is for: rent, deposit, a fee or other.")
    _check_posted_on(posted_on, stay)
    return _post(
        stay=stay,
        kind=EntryKind.CREDIT,
        amount=_money(amount),
        posted_on=posted_on,
        by=by,
        category=category,
        description=description,
        **_covering(covers),
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
    posted_on = posted_on or home_today(_home_filed_under(entry.stay))
    _check_posted_on(posted_on, entry.stay)
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
