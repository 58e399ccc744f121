"""Reads for a stay's pages: its history, the beds free for a transfer, and a resident's open stay."""

from datetime import date

from django.db.models import Q

from residences.models import Bed, BedAssignment, Stay


def stay_with_history(pk: int) -> Stay:
    return Stay.objects.select_related("resident").prefetch_related("bed_assignments__bed__room__residence").get(pk=pk)


def beds_free_from(on: date, *, residences):
    """In-service beds of these homes with no assignment on or after `on` (so a new stretch can start then)."""
    taken = BedAssignment.objects.filter(Q(ends_on__isnull=True) | Q(ends_on__gt=on)).values("bed_id")
    return (
        Bed.objects.filter(in_service=True, room__residence__in=residences)
        .exclude(pk__in=taken)
        .select_related("room__residence")
        .order_by("room__residence__name", "room__name", "label")
    )


def open_stay_of(resident) -> Stay | None:
    """The resident's open stay (no move-out recorded; a database rule keeps it to one), or None. One query.

    An open stay may not have begun yet (admitted with a later move-in); for where someone lives on a day, ask
    `residences.homes.selectors.bed_of`.
    """
    return Stay.objects.filter(resident=resident, move_out__isnull=True).first()
