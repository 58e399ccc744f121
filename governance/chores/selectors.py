"""Reads for the chore pages: a resident's chores this week, a home's list and its recent weeks."""

from datetime import date

from django.db.models import Prefetch

from governance.chores.models import Chore, ChoreAssignment, ChoreWeek
from governance.chores.services import week_start


def my_chores(resident, today: date) -> list[ChoreAssignment]:
    """The resident's chores for the week of `today` (for the "my house" page)."""
    if resident is None:
        return []
    return list(
        ChoreAssignment.objects.filter(resident=resident, week__week_of=week_start(today))
        .select_related("chore", "week")
        .order_by("chore__name")
    )


def chore_list(residence):
    return Chore.objects.filter(residence=residence).order_by("-active", "name")


def weeks_with_assignments(residence):
    """The home's weeks, newest first, each with its assignments, chores and residents (paginate the result)."""
    assignments = ChoreAssignment.objects.select_related("chore", "resident").order_by("chore__name")
    return ChoreWeek.objects.filter(residence=residence).prefetch_related(Prefetch("assignments", queryset=assignments))
