"""Reads for a stay's pages: its history, the beds free for a transfer, a resident's open stay, and the stays a
person works on."""

from datetime import date

from django.db.models import OuterRef, Q, Subquery

from recovery.models import Role
from recovery.tenancy import organization_today
from residences.homes.selectors import assigned_residence_ids
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


def open_stay_of(resident, *, today: date | None = None) -> Stay | None:
    """The resident's open stay, or None. One query.

    Open: not ended by `today` (default the organization's today): no move-out recorded, or one planned for a
    later day (`residences.homes.selectors.stay_has_ended`); a planned move-out is a plan until its day comes. An
    open stay may not have begun yet (admitted with a later move-in); for where someone lives on a day, ask
    `residences.homes.selectors.bed_of`.
    """
    today = today or organization_today()
    not_ended = Q(move_out__isnull=True) | Q(move_out__gt=today)
    return Stay.objects.filter(not_ended, resident=resident).order_by("-move_in", "-pk").first()


def stays_for(membership):
    """The stays this person works on, as the stay pages allow them (`residences.admit` on the home of the stay's
    latest bed, `residences.homes.selectors.home_of(latest=True)`): every stay for admins and staff; for a house
    manager, those whose latest bed is in a home they look after; none for anyone else. An unevaluated queryset,
    newest move-in first, with its bed stretches prefetched."""
    stays = Stay.objects.prefetch_related("bed_assignments__bed__room").order_by("-move_in", "-pk")
    if membership.role in (Role.ADMIN, Role.STAFF):
        return stays
    if membership.role == Role.HOUSE_MANAGER:
        latest = BedAssignment.objects.filter(stay=OuterRef("pk")).order_by("-starts_on", "-pk")
        home = Subquery(latest.values("bed__room__residence_id")[:1])
        return stays.annotate(latest_home_id=home).filter(latest_home_id__in=assigned_residence_ids(membership))
    return stays.none()


def stay_rows(membership):
    """The stays list (and its export): `stays_for(membership)` with the resident and the name of the home of each
    stay's latest bed (`home_name`, None before a bed is given), newest move-in first. One query, whatever the
    number of stays."""
    latest = BedAssignment.objects.filter(stay=OuterRef("pk")).order_by("-starts_on", "-pk")
    home_name = Subquery(latest.values("bed__room__residence__name")[:1])
    return stays_for(membership).select_related("resident").prefetch_related(None).annotate(home_name=home_name)
