"""Reads for the house operations pages: the house-check sheet and log, maintenance, safety inspections and what is
due, and the good-neighbor log. Each list is shaped so its query count does not grow with its rows."""

from dataclasses import dataclass
from datetime import date

from django.db.models import Case, Count, IntegerField, OuterRef, Q, Subquery, Value, When

from residences.homes.selectors import living_in
from residences.models import (
    GoodNeighborContact,
    HouseCheck,
    HouseCheckEntry,
    MaintenanceRequest,
    NeighborComplaint,
    Residence,
    SafetyInspection,
)
from residences.operations.models import InspectionKind, MaintenanceStatus, Urgency, Whereabouts


def house_check_sheet(residence: Residence, *, today: date):
    """The occupied beds of a home today, room by room, with who is in each: the rows of a house check."""
    return list(living_in(residence, on=today))


def house_checks(residence: Residence):
    """A home's house checks, newest first, with how many were in, out and not seen (one query per page)."""
    return (
        HouseCheck.objects.filter(residence=residence)
        .select_related("checked_by")
        .annotate(
            bed_count=Count("entries"),
            present_count=Count("entries", filter=Q(entries__whereabouts=Whereabouts.PRESENT)),
            not_seen_count=Count("entries", filter=Q(entries__whereabouts=Whereabouts.NOT_SEEN)),
        )
        .order_by("-checked_at", "-pk")
    )


def house_check_entries(house_check: HouseCheck):
    return HouseCheckEntry.objects.filter(house_check=house_check).select_related("bed__room", "stay__resident")


def maintenance_requests(residence: Residence, *, status: str = ""):
    """A home's maintenance requests: open and urgent first, then in progress, then done (newest first)."""
    requests = MaintenanceRequest.objects.filter(residence=residence).select_related("reported_by")
    if status:
        requests = requests.filter(status=status)
    return requests.annotate(
        status_rank=Case(
            When(status=MaintenanceStatus.OPEN, then=Value(0)),
            When(status=MaintenanceStatus.IN_PROGRESS, then=Value(1)),
            default=Value(2),
            output_field=IntegerField(),
        ),
        urgency_rank=Case(
            When(urgency=Urgency.URGENT, then=Value(0)),
            When(urgency=Urgency.SOON, then=Value(1)),
            default=Value(2),
            output_field=IntegerField(),
        ),
    ).order_by("status_rank", "urgency_rank", "-reported_at", "-pk")


def open_maintenance_count(residence: Residence) -> int:
    return MaintenanceRequest.objects.filter(residence=residence).exclude(status=MaintenanceStatus.DONE).count()


def safety_inspections(residence: Residence, *, since: date | None = None):
    inspections = SafetyInspection.objects.filter(residence=residence).select_related("recorded_by")
    if since is not None:
        inspections = inspections.filter(done_on__gte=since)
    return inspections.order_by("-done_on", "-pk")


@dataclass
class InspectionDue:
    kind: str
    label: str
    latest: SafetyInspection | None
    today: date

    @property
    def is_overdue(self) -> bool:
        return self.latest is None or (self.latest.next_due_on is not None and self.latest.next_due_on < self.today)

    @property
    def failed_last_time(self) -> bool:
        return self.latest is not None and not self.latest.passed


def inspections_due(residence: Residence, *, today: date) -> list[InspectionDue]:
    """For each kind of safety check, the latest one and whether the next is overdue (one query)."""
    latest_of_kind = (
        SafetyInspection.objects.filter(residence=residence, kind=OuterRef("kind"))
        .order_by("-done_on", "-pk")
        .values("pk")[:1]
    )
    latest = {
        inspection.kind: inspection
        for inspection in SafetyInspection.objects.filter(residence=residence, pk=Subquery(latest_of_kind))
    }
    return [
        InspectionDue(kind=kind, label=label, latest=latest.get(kind), today=today)
        for kind, label in InspectionKind.choices
        if kind != InspectionKind.OTHER or kind in latest
    ]


def good_neighbor_contact(residence: Residence) -> GoodNeighborContact | None:
    return GoodNeighborContact.objects.filter(residence=residence).first()


def neighbor_complaints(residence: Residence, *, since: date | None = None):
    complaints = NeighborComplaint.objects.filter(residence=residence).select_related("logged_by", "responded_by")
    if since is not None:
        complaints = complaints.filter(received_on__gte=since)
    return complaints.order_by("-received_on", "-pk")


def unanswered_complaint_count(residence: Residence) -> int:
    return NeighborComplaint.objects.filter(residence=residence, response="").count()
