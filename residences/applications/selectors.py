"""Reads for intake: the waitlist, one application with its notes, and the public free-bed listing."""

from datetime import date

from django.db.models import Count, Exists, OuterRef, Q
from django.db.models.functions import Coalesce

from recovery.models import Role
from residences.homes.selectors import assigned_residence_ids, bed_board, count_per_residence
from residences.models import (
    OPEN_STATUSES,
    Application,
    ApplicationNote,
    ApplicationStatus,
    Bed,
    BedAssignment,
    BedStatus,
    Residence,
)

OPEN = "open"  # the waitlist's default view: every application still in the pipeline


def applications_for(membership):
    """The applications this person works on: all for admins and staff; for a house manager, those for the
    homes they look after and those that name no home (the rule `residences.view_application` says the same)."""
    applications = Application.objects.all()
    if membership.role == Role.HOUSE_MANAGER:
        applications = applications.filter(
            Q(residence__isnull=True) | Q(residence__in=assigned_residence_ids(membership))
        )
    elif membership.role not in (Role.ADMIN, Role.STAFF):
        applications = applications.none()
    return applications


def waitlist(membership, *, status: str = OPEN):
    """The waitlist page's rows: most urgent first, then longest waiting, with the home and the note count."""
    applications = applications_for(membership)
    if status == OPEN:
        applications = applications.filter(status__in=OPEN_STATUSES)
    else:
        applications = applications.filter(status=status)
    return (
        applications.select_related("residence")
        .annotate(note_count=Count("notes"))
        .order_by("priority", "submitted_at", "pk")
    )


def status_counts(membership) -> dict[str, int]:
    """How many applications sit at each status (and how many are open), in one query."""
    rows = applications_for(membership).order_by().values("status").annotate(n=Count("pk"))
    counts = dict.fromkeys(ApplicationStatus.values, 0)
    counts.update({row["status"]: row["n"] for row in rows})
    counts[OPEN] = sum(counts[status] for status in OPEN_STATUSES)
    return counts


def application_notes(application: Application):
    return ApplicationNote.objects.filter(application=application).select_related("author").order_by("created_at")


def beds_free_from(residence: Residence, on: date):
    """The admit wizard's beds: those the bed board shows as available on `on` (in service, nobody in them and
    nobody booked to come), with their rooms, for a choice field."""
    board = bed_board(residence, today=on)
    free = [view.bed.pk for _room, views in board for view in views if view.status == BedStatus.AVAILABLE]
    return Bed.objects.filter(pk__in=free).select_related("room").order_by("room__name", "label")


def free_beds_on(on: date):
    """Beds in service that nobody holds on `on` or later: no current stretch, none booked to come (what the
    bed board calls available, counted in the database for many homes at once)."""
    held = BedAssignment.objects.filter(bed=OuterRef("pk")).filter(Q(ends_on__isnull=True) | Q(ends_on__gt=on))
    return Bed.objects.filter(in_service=True).filter(~Exists(held))


def published_availability(*, today: date):
    """The homes whose operator publishes free beds, with today's free-bed count. Nothing about residents."""
    return (
        Residence.objects.filter(publish_availability=True)
        .annotate(free_beds=Coalesce(count_per_residence(free_beds_on(today), "room__residence"), 0))
        .only("name", "city", "state", "level", "population", "mat_welcoming", "organization_id")
        .order_by("name")
    )
