"""Chores: the home's list, the weekly turn of the rotation (once per home per week), and each assignment done,
checked or missed.

The rotation (issue 14, item 6: it keeps its place when the roster changes). The residents living in the home
on the turn's day stand in rotation order (by move-in, then record), in a circle. Each week:

1. Who works: the week's chores are dealt one by one around the circle, starting with the resident after the
   last one dealt the week before (`ChoreWeek.dealt_through`), even if that person has since moved out; with
   more chores than residents the deal goes round again. A newcomer takes their place by move-in (at the end of
   the circle) and is dealt when the deal reaches them. So between two chores of one resident, every resident
   who lived there the whole time gets exactly one: over any run of weeks, two residents who lived there
   throughout have chore counts within one of each other, whatever joins and departures happen.
2. Which chore: the chores go to the residents dealt this week so that, in order of importance, nobody keeps
   the chore they had last week when it can be avoided, each resident's count of each chore stays even, and
   each chore moves on to the resident after its last holder (the smallest-cost matching, `_match`).

With the same residents and no more chores than residents, n weeks give everyone each chore once.
"""

from collections import Counter
from datetime import date, timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone

from governance.chores.models import Chore, ChoreAssignment, ChoreWeek
from recovery.errors import DomainError
from residences.homes.selectors import living_in
from residences.stays.models import Stay

# The matching's costs, in order of importance (each outweighs any sum of the ones below it).
KEEPS_LAST_WEEKS_CHORE = 10**9
PER_TIME_DONE_BEFORE = 10**4


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


def _rotation_key(stay) -> tuple:
    return (stay.move_in, stay.resident_id)


def roster_stays(residence, *, today: date) -> list:
    """The stays of the home's residents on `today` (the organization's date), in rotation order: by move-in,
    then by resident record."""
    beds = living_in(residence, on=today).order_by("stay__move_in", "stay__resident_id")
    return [assignment.stay for assignment in beds]


def roster(residence, *, today: date) -> list:
    """The home's current residents in rotation order."""
    return [stay.resident for stay in roster_stays(residence, today=today)]


def _next_after(stays: list, key: tuple) -> int:
    """The position in the circle of the first stay after `key` in rotation order (wrapping round)."""
    for position, stay in enumerate(stays):
        if _rotation_key(stay) > key:
            return position
    return 0


def deal(stays: list, *, chores: int, previous: ChoreWeek | None) -> list:
    """Who works this week: `chores` turns dealt around the circle of `stays` (rotation order), starting after
    the last stay dealt in `previous` (the home's week before). Returns the stays dealt, in deal order, with a
    stay repeated when there are more chores than residents."""
    if previous is None:
        start = 0
    elif previous.dealt_through is not None:
        start = _next_after(stays, _rotation_key(previous.dealt_through))
    else:  # a week turned before the deal was recorded: resume as the old rotation would have
        start = (previous.turn + 1) % len(stays)
    return [stays[(start + n) % len(stays)] for n in range(chores)]


def _match(cost: list[list[int]]) -> list[int]:
    """The smallest-cost assignment of a square cost matrix (Hungarian method, O(n^3)): returns, for each row,
    its column."""
    size = len(cost)
    infinity = float("inf")
    u, v = [0] * (size + 1), [0] * (size + 1)
    column_row, way = [0] * (size + 1), [0] * (size + 1)
    for row in range(1, size + 1):
        column_row[0], column = row, 0
        least, used = [infinity] * (size + 1), [False] * (size + 1)
        while True:
            used[column] = True
            current, delta, next_column = column_row[column], infinity, 0
            for other in range(1, size + 1):
                if used[other]:
                    continue
                reduced = cost[current - 1][other - 1] - u[current] - v[other]
                if reduced < least[other]:
                    least[other], way[other] = reduced, column
                if least[other] < delta:
                    delta, next_column = least[other], other
            for other in range(size + 1):
                if used[other]:
                    u[column_row[other]] += delta
                    v[other] -= delta
                else:
                    least[other] -= delta
            column = next_column
            if column_row[column] == 0:
                break
        while column:
            previous_column = way[column]
            column_row[column] = column_row[previous_column]
            column = previous_column
    assignment = [0] * size
    for column in range(1, size + 1):
        assignment[column_row[column] - 1] = column - 1
    return assignment


def _assign(chores: list, dealt: list, stays: list, previous: ChoreWeek | None, done: Counter) -> list:
    """Which chore each dealt stay gets: [(chore, stay)], by the costs named at the top of this module."""
    last_holder = {}
    if previous is not None:
        for assignment in previous.assignments.select_related("chore"):
            last_holder[assignment.chore_id] = assignment.resident_id
    last_keys = {}
    if last_holder:
        keyed = Stay.objects.filter(resident_id__in=set(last_holder.values())).order_by("move_in")
        keys = {stay.resident_id: _rotation_key(stay) for stay in keyed}  # the latest stay of each
        last_keys = {chore_id: keys.get(resident_id) for chore_id, resident_id in last_holder.items()}
    position = {stay.pk: index for index, stay in enumerate(stays)}
    cost = []
    for index, chore in enumerate(chores):
        key = last_keys.get(chore.pk)
        after = _next_after(stays, key) if key is not None else index % len(stays)
        row = []
        for stay in dealt:
            steps = (position[stay.pk] - after) % len(stays)
            repeat = last_holder.get(chore.pk) == stay.resident_id
            done_before = done[(stay.resident_id, chore.pk)]
            row.append(repeat * KEEPS_LAST_WEEKS_CHORE + done_before * PER_TIME_DONE_BEFORE + steps)
        cost.append(row)
    return [(chore, dealt[column]) for chore, column in zip(chores, _match(cost), strict=True)]


def turn_week(*, residence, today: date) -> ChoreWeek | None:
    """Assign this week's chores (the week of `today`, the organization's date), once: a second call for the same
    week changes nothing. Who works and which chore follow the rotation described at the top of this module.
    Returns the new week, or None when it was already turned or there is nobody or nothing to assign."""
    monday = week_start(today)
    if ChoreWeek.objects.filter(residence=residence, week_of=monday).exists():
        return None
    stays = roster_stays(residence, today=today)
    chores = list(Chore.objects.filter(residence=residence, active=True).order_by("name", "pk"))
    if not stays or not chores:
        return None
    earlier = ChoreWeek.objects.filter(residence=residence, week_of__lt=monday)
    turn = earlier.count()
    previous = earlier.select_related("dealt_through").order_by("-week_of").first()
    dealt = deal(stays, chores=len(chores), previous=previous)
    done = Counter(
        ChoreAssignment.objects.filter(
            week__residence=residence, resident_id__in=[stay.resident_id for stay in stays]
        ).values_list("resident_id", "chore_id")
    )
    pairs = _assign(chores, dealt, stays, previous, done)
    try:
        with transaction.atomic():
            week = ChoreWeek.objects.create(residence=residence, week_of=monday, turn=turn, dealt_through=dealt[-1])
            ChoreAssignment.objects.bulk_create(
                ChoreAssignment(week=week, chore=chore, resident_id=stay.resident_id) for chore, stay in pairs
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
