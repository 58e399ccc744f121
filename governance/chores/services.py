"""Chores: the home's list, the weekly turn of the rotation (once per home per week), and each assignment done,
checked or missed.

The rotation is an ordered roster (residents by move-in, then record) turned one place each week: in turn `k`,
chore `i` goes to roster[(i + k) mod n]. With the same residents, n weeks give everyone every chore exactly once;
a newcomer joins the roster in move-in order and takes their turns from the next week.
"""

from datetime import date, timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone

from governance.chores.models import Chore, ChoreAssignment, ChoreWeek
from recovery.errors import DomainError
from residences.homes.selectors import living_in


class ChoreProblem(DomainError):
    """A chore action the house's rules say no to."""


def week_start(day: date) -> date:
    return day - timedelta(days=day.weekday())


def add_chore(*, residence, name: str, frequency: str, notes="") -> Chore:
    try:
        with transaction.atomic():
            return Chore.objects.create(residence=residence, name=name.strip(), frequency=frequency, notes=notes)
    except IntegrityError as error:
        raise ChoreProblem("This home already has a chore with that name.") from error


def roster(residence, *, today: date) -> list:
    """The home's current residents in rotation order."""
    stays = living_in(residence, on=today).order_by("stay__move_in", "stay__resident_id")
    return [assignment.stay.resident for assignment in stays]


def turn_week(*, residence, today: date) -> ChoreWeek | None:
    """Assign this week's chores (the week of `today`), once: a second call for the same week changes nothing.
    Returns the new week, or None when it was already turned or there is nobody or nothing to assign."""
    monday = week_start(today)
    if ChoreWeek.objects.filter(residence=residence, week_of=monday).exists():
        return None
    residents = roster(residence, today=today)
    chores = list(Chore.objects.filter(residence=residence, active=True).order_by("name", "pk"))
    if not residents or not chores:
        return None
    turn = ChoreWeek.objects.filter(residence=residence, week_of__lt=monday).count()
    try:
        with transaction.atomic():
            week = ChoreWeek.objects.create(residence=residence, week_of=monday, turn=turn)
            ChoreAssignment.objects.bulk_create(
                ChoreAssignment(week=week, chore=chore, resident=residents[(index + turn) % len(residents)])
                for index, chore in enumerate(chores)
            )
    except IntegrityError:
        return None  # another worker turned it first
    return week


def mark_done(*, assignment: ChoreAssignment) -> ChoreAssignment:
    if assignment.missed_at:
        raise ChoreProblem("This chore was marked missed. Talk with your chore coordinator.")
    if assignment.done_at is None:
        assignment.done_at = timezone.now()
        assignment.save()
    return assignment


def check(*, assignment: ChoreAssignment, by) -> ChoreAssignment:
    if assignment.done_at is None:
        raise ChoreProblem("This chore has not been marked done yet.")
    if assignment.checked_at is None:
        assignment.checked_at, assignment.checked_by = timezone.now(), by
        assignment.save()
    return assignment


def mark_missed(*, assignment: ChoreAssignment, by, note="", to_ladder=False) -> ChoreAssignment:
    """Record a missed chore (once). With `to_ladder`, the miss also enters the house's consequence ladder as a
    violation (the next step of the resident's ladder), which the resident can answer and appeal."""
    if assignment.checked_at:
        raise ChoreProblem("This chore was already checked as done.")
    if assignment.missed_at:
        return assignment
    with transaction.atomic():
        assignment.missed_at, assignment.missed_by, assignment.missed_note = timezone.now(), by, note.strip()
        assignment.save()
        if to_ladder:
            from governance.ladder.services import record_violation

            evidence = f"{assignment.chore.name} was not done in the week of {assignment.week.week_of:%B %-d}."
            record_violation(
                resident=assignment.resident,
                residence=assignment.chore.residence,
                rule="Everyone does their share of the chores",
                evidence=f"{evidence} {note}".strip(),
                occurred_on=timezone.localdate(),
                by=by,
                source="chore",
            )
    return assignment
