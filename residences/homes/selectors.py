"""Reads for the residences list, a residence's home page and its bed board, shaped for those pages."""

from dataclasses import dataclass
from datetime import date, timedelta

import rules
from django.db.models import Count, F, IntegerField, OuterRef, Prefetch, Q, Subquery
from django.db.models.functions import Coalesce

from recovery.models import Role
from recovery.rules import membership_of
from recovery.tenancy import organization_today
from residences.homes.rules import assigned_residence_ids
from residences.models import OPEN_STATUSES, Application, Bed, BedAssignment, BedStatus, Residence, Room, Stay
from residents.models import Resident


def visible_residences(membership):
    """The homes this person may open: all for admins and staff, assigned ones for a house manager."""
    residences = Residence.objects.all()
    if membership.role == Role.HOUSE_MANAGER:
        residences = residences.filter(pk__in=assigned_residence_ids(membership))
    elif membership.role not in (Role.ADMIN, Role.STAFF):
        residences = residences.none()
    return residences


def _current(on: date):
    return Q(starts_on__lte=on) & (Q(ends_on__isnull=True) | Q(ends_on__gt=on))


def count_per_residence(queryset, residence_path: str):
    """A subquery counting `queryset` rows per residence, so list pages need no join per row."""
    counted = queryset.filter(**{residence_path: OuterRef("pk")}).order_by().values(residence_path)
    return Subquery(counted.annotate(n=Count("pk")).values("n"), output_field=IntegerField())


def residences_with_occupancy(membership, *, today: date):
    """Each visible home with beds in service and beds occupied today — derived, never typed."""
    occupied = BedAssignment.objects.filter(_current(today), bed__in_service=True)
    return visible_residences(membership).annotate(
        beds_in_service=Coalesce(count_per_residence(Bed.objects.filter(in_service=True), "room__residence"), 0),
        beds_occupied=Coalesce(count_per_residence(occupied, "bed__room__residence"), 0),
        beds_free=F("beds_in_service") - F("beds_occupied"),
    )


@dataclass
class BedView:
    bed: Bed
    status: str
    current: BedAssignment | None
    upcoming: BedAssignment | None

    @property
    def status_label(self) -> str:
        return BedStatus(self.status).label


def bed_board(residence: Residence, *, today: date) -> list[tuple[Room, list[BedView]]]:
    """Every room and bed of a home with who is in it, since when, and who is coming (a fixed few queries)."""
    current = BedAssignment.objects.filter(_current(today)).select_related("stay__resident")
    upcoming = BedAssignment.objects.filter(starts_on__gt=today).select_related("stay__resident").order_by("starts_on")
    rooms = Room.objects.filter(residence=residence).prefetch_related(
        Prefetch(
            "beds",
            queryset=Bed.objects.order_by("label").prefetch_related(
                Prefetch("assignments", queryset=current, to_attr="current_assignments"),
                Prefetch("assignments", queryset=upcoming, to_attr="upcoming_assignments"),
            ),
        )
    )
    board = []
    for room in rooms:
        views = []
        for bed in room.beds.all():
            now = bed.current_assignments[0] if bed.current_assignments else None
            next_ = bed.upcoming_assignments[0] if bed.upcoming_assignments else None
            if not bed.in_service:
                status = BedStatus.OUT_OF_SERVICE
            elif now is not None:
                status = BedStatus.OCCUPIED
            elif next_ is not None:
                status = BedStatus.RESERVED
            else:
                status = BedStatus.AVAILABLE
            views.append(BedView(bed=bed, status=status, current=now, upcoming=next_))
        board.append((room, views))
    return board


def bed_counts(board) -> dict[str, int]:
    counts = {status: 0 for status in BedStatus.values}
    for _room, views in board:
        for view in views:
            counts[view.status] += 1
    counts["capacity"] = sum(counts[s] for s in BedStatus.values if s != BedStatus.OUT_OF_SERVICE)
    return counts


def residence_home(residence: Residence, *, today: date, horizon_days: int = 14) -> dict:
    """Today's picture of one home: arrivals, departures, upcoming move-outs and the waitlist count."""
    in_home = Q(bed__room__residence=residence)
    arrivals = BedAssignment.objects.filter(in_home, starts_on=today).select_related("stay__resident", "bed__room")
    departures = BedAssignment.objects.filter(in_home, ends_on=today).select_related("stay__resident", "bed__room")
    upcoming_move_outs = (
        Stay.objects.filter(
            move_out__isnull=True,
            expected_move_out__range=(today, today + timedelta(days=horizon_days)),
            bed_assignments__in=BedAssignment.objects.filter(in_home, _current(today)),
        )
        .select_related("resident")
        .order_by("expected_move_out")
    )
    waitlist = Application.objects.filter(status__in=OPEN_STATUSES).filter(
        Q(residence=residence) | Q(residence__isnull=True)
    )
    return {
        "arrivals": list(arrivals),
        "departures": list(departures),
        "upcoming_move_outs": list(upcoming_move_outs),
        "waitlist_count": waitlist.count(),
    }


def current_stay_in(residence: Residence, *, today: date):
    """Open stays whose current bed is in this home, with the resident and bed (for lists and forms)."""
    return (
        BedAssignment.objects.filter(_current(today), bed__room__residence=residence, stay__move_out__isnull=True)
        .select_related("stay__resident", "bed__room")
        .order_by("bed__room__name", "bed__label")
    )


def residents_living_in(residence: Residence, *, today: date):
    """Residents whose open stay has its current bed in this home."""
    return Resident.objects.filter(pk__in=current_stay_in(residence, today=today).values("stay__resident_id"))


def _current_home(today: date, **stay_filter) -> Residence | None:
    assignment = (
        BedAssignment.objects.filter(stay__move_out__isnull=True, starts_on__lte=today, **stay_filter)
        .exclude(ends_on__lte=today)
        .select_related("bed__room__residence")
        .first()
    )
    return assignment.bed.room.residence if assignment is not None else None


def home_of(user, *, today: date) -> Residence | None:
    """The home a signed-in resident lives in today: the house of their open stay's current bed."""
    return _current_home(today, stay__resident__user=user)


def home_of_resident(resident: Resident, *, today: date) -> Residence | None:
    return _current_home(today, stay__resident=resident)


def home_residence_id(membership) -> int | None:
    """`home_of` for the person of this membership, looked up once per request (cached on the membership)."""
    if not hasattr(membership, "_home_residence_id"):
        home = home_of(membership.user, today=organization_today(membership.organization))
        membership._home_residence_id = home.pk if home is not None else None
    return membership._home_residence_id


@rules.predicate
def lives_in_residence(user, residence) -> bool:
    """A resident of the residence's organization whose open stay is in this home today."""
    membership = membership_of(user)
    if membership is None or residence is None or membership.role != Role.RESIDENT:
        return False
    if residence.organization_id != membership.organization_id:
        return False
    return home_residence_id(membership) == residence.pk


def resident_record_of(user) -> Resident | None:
    return Resident.objects.filter(user=user).first()
