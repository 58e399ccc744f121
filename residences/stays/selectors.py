"""Reads for a stay's pages and the resident's "my house"."""

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


def my_current_stay(user, *, today: date):
    """The signed-in resident's open stay with their bed and home today, or None."""
    return (
        BedAssignment.objects.filter(
            Q(ends_on__isnull=True) | Q(ends_on__gt=today),
            starts_on__lte=today,
            stay__resident__user=user,
            stay__move_out__isnull=True,
        )
        .select_related("stay__resident", "bed__room__residence")
        .first()
    )
