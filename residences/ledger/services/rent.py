"""Recurring rent: one charge per stay and rent period (weekly, every two weeks, monthly), posted once, with
mid-period move-ins and move-outs charged for the days lived."""

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db import IntegrityError, transaction

from residences.homes.models import RentPeriod
from residences.homes.selectors import stays_living_in
from residences.ledger.models import (
    EntryCategory,
)
from residences.ledger.services.entries import latest_signed_disclosure, post_charge
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
