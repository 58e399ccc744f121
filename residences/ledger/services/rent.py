"""Recurring rent: one charge per stay and rent period (weekly or monthly), posted once, following the days the
person lived there under the rule they signed; at move-out, rent charged for days after it is credited back.

The rules, as the fee disclosure states them to the resident (`ledger.models.RENT_RULE_TERMS`):
- By the day (the default): a period's rent is charged for the days lived in it, the day of moving in included and
  the day of moving out not (that day the bed is free). Amount = rent x days lived / days in the period, in Decimal,
  rounded half up to the cent (monthly rent 600, moved in on the 25th of a 31-day month: 600 x 7 / 31 = 135.48).
  At move-out, rent already charged for days from the move-out on is credited on the ledger
  (`settle_rent_at_move_out`), so the net charge for the last period is the rent for the days lived.
- Full period (a house may choose it): any day lived in a period is charged as the whole period; nothing is credited
  for the days after a move-out.
- Under either rule no day is charged twice to one person: days already charged (and not credited back or
  corrected) on any of their stays, in any home, are left out, so a person re-admitted within a period already
  paid is charged only for the days not yet covered.
"""

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.db import IntegrityError, transaction
from django.db.models import Q

from recovery.tenancy import home_today
from residences.homes.models import RentPeriod, RentRule
from residences.homes.selectors import stays_living_in
from residences.ledger.models import EntryCategory, EntryKind
from residences.ledger.services.entries import (
    CENT,
    _home_filed_under,
    latest_signed_disclosure,
    post_charge,
    post_credit,
)
from residences.models import LedgerEntry, Residence, Stay

RENT_KEY_PREFIX = "rent:"


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
    value = key.removeprefix(RENT_KEY_PREFIX).split("/")[0]  # "rent:2026-11/16": a second run of days
    if "-W" in value:
        year, week = value.split("-W")
        return rent_period_containing(rent_period=RentPeriod.WEEKLY, day=date.fromisocalendar(int(year), int(week), 1))
    year, month = value.split("-")
    return rent_period_containing(rent_period=RentPeriod.MONTHLY, day=date(int(year), int(month), 1))


def rent_for_days(*, rent: Decimal, days: int, period_days: int) -> Decimal:
    """The rent for `days` of a period of `period_days` days whose full rent is `rent` (Decimal dollars).

    rent x days / period_days, rounded half up to the cent; the whole period is exactly `rent`. Raises ValueError
    for days outside 0..period_days.
    """
    if not 0 <= days <= period_days:
        raise ValueError("A part of a period has between none and all of its days.")
    if days == period_days:
        return Decimal(rent).quantize(CENT)
    return (Decimal(rent) * days / period_days).quantize(CENT, rounding=ROUND_HALF_UP)


def _days(starts_on: date, ends_on: date):
    return (starts_on + timedelta(days=n) for n in range((ends_on - starts_on).days))


def _covered_range(entry: LedgerEntry) -> tuple[date, date] | None:
    if entry.covers_from is not None:
        return entry.covers_from, entry.covers_until
    if entry.kind == EntryKind.CHARGE and entry.period_key.startswith(RENT_KEY_PREFIX):
        period = period_from_key(entry.period_key)  # rent posted before days were recorded: its whole period
        return period.starts_on, period.ends_on
    return None


def _rent_entries_of(*, resident_id: int, starts_on: date, ends_on: date, stay: Stay | None = None):
    """The person's rent charges and move-out credits that still stand (not corrected) and may cover a day of
    [starts_on, ends_on), with the days they cover."""
    entries = LedgerEntry.objects.filter(
        stay__resident_id=resident_id,
        category=EntryCategory.RENT,
        kind__in=[EntryKind.CHARGE, EntryKind.CREDIT],
        correction__isnull=True,
    ).filter(
        Q(covers_from__lt=ends_on, covers_until__gt=starts_on)
        | Q(covers_from__isnull=True, kind=EntryKind.CHARGE, period_key__startswith=RENT_KEY_PREFIX)
    )
    if stay is not None:
        entries = entries.filter(stay=stay)
    for entry in entries.order_by("posted_on", "pk"):
        covered = _covered_range(entry)
        if covered is not None and covered[0] < ends_on and starts_on < covered[1]:
            yield entry, covered


def days_charged(*, resident_id: int, starts_on: date, ends_on: date) -> dict[date, int]:
    """For each day of [starts_on, ends_on): how many times it is charged to the person, across all their stays
    (rent charges standing, less rent credited back at move-out). A day is never above 1 (the rule of this
    module); days not in the result are not charged."""
    counts: dict[date, int] = {}
    for entry, (covers_from, covers_until) in _rent_entries_of(
        resident_id=resident_id, starts_on=starts_on, ends_on=ends_on
    ):
        step = 1 if entry.kind == EntryKind.CHARGE else -1
        for day in _days(max(covers_from, starts_on), min(covers_until, ends_on)):
            counts[day] = counts.get(day, 0) + step
    return {day: count for day, count in counts.items() if count}


def _runs(days: list[date]) -> list[tuple[date, date]]:
    """Sorted days as consecutive runs [first, day after the last)."""
    runs: list[tuple[date, date]] = []
    for day in days:
        if runs and runs[-1][1] == day:
            runs[-1] = (runs[-1][0], day + timedelta(days=1))
        else:
            runs.append((day, day + timedelta(days=1)))
    return runs


def _lock_person(stay: Stay) -> None:
    # Rent for one person takes turns across their stays, so two posts cannot both find a day uncharged.
    list(Stay.objects.select_for_update().filter(resident_id=stay.resident_id).values_list("pk", flat=True))


@dataclass
class RentRun:
    """What one run of the recurring rent did for a home."""

    posted: list = field(default_factory=list)
    already_posted: int = 0  # or every day of the period already charged (an earlier stay, other terms)
    waiting_for_signature: list = field(default_factory=list)  # stay ids with no signed disclosure
    no_rent: int = 0


def _label(period: Period, covers: tuple[date, date]) -> str:
    days = (covers[1] - covers[0]).days
    period_days = (period.ends_on - period.starts_on).days
    if days == period_days:
        return period.label
    last = covers[1] - timedelta(days=1)
    return f"{period.label}: {days} of {period_days} days, {covers[0]:%b %-d} to {last:%b %-d}"


@transaction.atomic
def post_rent_for_stay(*, stay: Stay, on: date, by=None) -> tuple[LedgerEntry | None, str]:
    """Charge this stay's rent for the period containing `on` (a date in the organization's time zone, posted on
    that date), at most once per period, following the days lived under the rule the resident signed (see the
    module docstring: by the day, or the full period).

    Days already charged to the person on any stay are left out; if they leave a gap, each run of days left is
    its own entry. Returns the (first) entry, new or already there, and what happened: "posted",
    "already_posted", "covered" (every day to charge is charged already), "not_living" (no day of the stay is in
    the period), "waiting_for_signature" or "no_rent". Raises LedgerProblem for a date in the future.
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
    _lock_person(stay)
    stay = Stay.objects.get(pk=stay.pk)  # the move-out as it stands now
    lived_until = min(period.ends_on, stay.move_out) if stay.move_out else period.ends_on
    lived = list(_days(max(period.starts_on, stay.move_in), lived_until))
    if not lived:
        return None, "not_living"
    wanted = list(_days(period.starts_on, period.ends_on)) if disclosure.rent_rule == RentRule.FULL_PERIOD else lived
    charged = days_charged(resident_id=stay.resident_id, starts_on=period.starts_on, ends_on=period.ends_on)
    to_charge = [day for day in wanted if charged.get(day, 0) < 1]
    if not to_charge:
        return None, "covered"
    period_days = (period.ends_on - period.starts_on).days
    entries = []
    try:
        with transaction.atomic():
            for n, covers in enumerate(_runs(to_charge)):
                days = (covers[1] - covers[0]).days
                entries.append(
                    post_charge(
                        stay=stay,
                        category=EntryCategory.RENT,
                        amount=rent_for_days(rent=disclosure.rent_amount, days=days, period_days=period_days),
                        posted_on=on,
                        description=_label(period, covers),
                        by=by,
                        period_key=period.key if n == 0 else f"{period.key}/{covers[0]:%d}",
                        covers=covers,
                    )
                )
    except IntegrityError:
        # Another run posted this period between our look and our write: the unique key kept it to one.
        return LedgerEntry.objects.get(stay=stay, period_key=period.key), "already_posted"
    return entries[0], "posted"


@transaction.atomic
def settle_rent_at_move_out(*, stay: Stay, by=None) -> list[LedgerEntry]:
    """At move-out: charge the last period if the recurring rent has not yet (its days lived only), then, under the
    by-the-day rule, credit the rent already charged for days from the move-out date on.

    The credit for a charge keeps what the days lived cost at that charge's own daily rate (amount x days kept /
    days charged, rounded half up to the cent) and gives back the rest, so the last period nets to the rent for
    the days lived. Posted on the move-out date, or today if the move-out is recorded ahead of time. The full-period
    rule credits nothing. Returns the entries posted. Needs a signed disclosure (else nothing happens).
    """
    stay = Stay.objects.get(pk=stay.pk)
    disclosure = latest_signed_disclosure(stay)
    if stay.move_out is None or disclosure is None:
        return []
    today = home_today(_home_filed_under(stay))  # the home's day: a move-out recorded ahead is not charged early
    posted = []
    last_day = stay.move_out - timedelta(days=1)
    if stay.move_in <= last_day <= today:
        entry, outcome = post_rent_for_stay(stay=stay, on=last_day, by=by)
        if outcome == "posted":
            posted.append(entry)
    if disclosure.rent_rule != RentRule.BY_DAY:
        return posted
    _lock_person(stay)
    far = date.max - timedelta(days=1)
    own = list(_rent_entries_of(resident_id=stay.resident_id, starts_on=stay.move_out, ends_on=far, stay=stay))
    credited = {
        day
        for entry, (covers_from, covers_until) in own
        if entry.kind == EntryKind.CREDIT
        for day in _days(covers_from, covers_until)
    }
    for entry, (covers_from, covers_until) in own:
        if entry.kind != EntryKind.CHARGE:
            continue
        charged_days = (covers_until - covers_from).days
        back = [day for day in _days(max(covers_from, stay.move_out), covers_until) if day not in credited]
        if not back:
            continue
        kept = charged_days - len(back)
        amount = entry.amount - (entry.amount * kept / charged_days).quantize(CENT, rounding=ROUND_HALF_UP)
        if amount <= 0:
            continue
        runs = _runs(back)
        for covers in runs:
            share = amount
            if len(runs) > 1:  # a gap inside the days given back: each run gets its own share
                share = (entry.amount * (covers[1] - covers[0]).days / charged_days).quantize(
                    CENT, rounding=ROUND_HALF_UP
                )
            last = covers[1] - timedelta(days=1)
            posted.append(
                post_credit(
                    stay=stay,
                    amount=share,
                    category=EntryCategory.RENT,
                    description=f"Rent given back for days after the move-out, {covers[0]:%b %-d} to {last:%b %-d}",
                    posted_on=min(stay.move_out, today),
                    by=by,
                    covers=covers,
                )
            )
            credited.update(_days(*covers))
    return posted


def post_recurring_rent(*, residence: Residence, on: date, by=None) -> RentRun:
    """Post this period's rent for everyone living in the home on `on`. Safe to run any number of times.

    Each stay's rent follows the terms its resident signed (weekly or monthly, and the amount); a stay whose
    resident has not signed yet is skipped and reported, never charged. `on` is a date in the organization's
    time zone; each charge follows the days lived (see `post_rent_for_stay`).
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
