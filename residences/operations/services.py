"""House operations' verbs: record a house check, open and move on maintenance requests, record safety inspections
and drills, keep the good-neighbor contact, and log neighbors' complaints and the house's responses."""

from datetime import date

from django.db import transaction
from django.utils import timezone

from recovery.errors import DomainError
from recovery.requests import tell_asker, tell_deciders
from recovery.tenancy import home_today
from residences.models import (
    GoodNeighborContact,
    HouseCheck,
    HouseCheckEntry,
    MaintenanceRequest,
    NeighborComplaint,
    Residence,
    SafetyInspection,
)
from residences.operations import requests as maintenance_requests
from residences.operations.models import INSPECTION_INTERVALS, InspectionKind, MaintenanceStatus, Urgency, Whereabouts
from residences.operations.selectors import house_check_sheet


class OperationsProblem(DomainError):
    pass


# --- House checks ---------------------------------------------------------------------------------------------


def record_house_check(
    *, residence: Residence, marks: dict[int, tuple[str, str]], by=None, notes: str = "", now=None
) -> HouseCheck:
    """Log a round of the house: for every occupied bed, where its resident is (and an optional short note).

    `marks` maps bed ids to (whereabouts, note). Every bed occupied right now must be marked, and only those:
    if someone moved in or out since the sheet was opened, the person is asked to look again.
    """
    now = now or timezone.now()
    sheet = {
        assignment.bed_id: assignment
        for assignment in house_check_sheet(residence, today=home_today(residence, at=now))
    }
    if not sheet:
        raise OperationsProblem("Nobody lives in this house right now, so there is no one to check on.")
    if set(marks) - set(sheet):
        raise OperationsProblem(
            "Who sleeps in which bed changed since this check was opened. Look again and mark each bed."
        )
    missing = [str(assignment.bed) for bed_id, assignment in sheet.items() if bed_id not in marks]
    if missing:
        raise OperationsProblem(f"Mark every occupied bed; not marked yet: {', '.join(missing)}.")
    for whereabouts, _note in marks.values():
        if whereabouts not in Whereabouts.values:
            raise OperationsProblem("Choose where each resident is: in the house, out on pass, away, or not seen.")
    with transaction.atomic():
        house_check = HouseCheck.objects.create(residence=residence, checked_at=now, checked_by=by, notes=notes.strip())
        HouseCheckEntry.objects.bulk_create(
            [
                HouseCheckEntry(
                    house_check=house_check,
                    bed_id=bed_id,
                    stay_id=assignment.stay_id,
                    whereabouts=marks[bed_id][0],
                    note=marks[bed_id][1].strip()[:200],
                )
                for bed_id, assignment in sheet.items()
            ]
        )
    return house_check


# --- Maintenance ----------------------------------------------------------------------------------------------


def open_maintenance_request(
    *, residence: Residence, description: str, urgency: str = Urgency.ROUTINE, location: str = "", by=None, now=None
) -> MaintenanceRequest:
    """Report something in the house that needs fixing; whoever takes it on is told at once
    (`residences.operations.requests.deciders`), urgently when it is urgent."""
    description = description.strip()
    if not description:
        raise OperationsProblem("Say what needs fixing.")
    if urgency not in Urgency.values:
        raise OperationsProblem("Choose how urgent it is: routine, soon, or urgent.")
    with transaction.atomic():
        maintenance_request = MaintenanceRequest.objects.create(
            residence=residence,
            description=description,
            urgency=urgency,
            location=location.strip(),
            reported_by=by,
            reported_at=now or timezone.now(),
        )
        tell_deciders(
            kind="maintenance",
            request=maintenance_request,
            url=maintenance_requests.decide_url(maintenance_request.pk),
            urgent=urgency == Urgency.URGENT,
        )
    return maintenance_request


def update_maintenance_request(
    *, maintenance_request: MaintenanceRequest, status: str, resolution: str = "", now=None, by=None
) -> MaintenanceRequest:
    """Move a request along (open, in progress, done). Done needs a word on what was done and gets the time;
    reopening clears that time, so "done" and "resolved at" always agree. Whoever reported it is told when it is
    taken on or done, unless they are `by`, the person moving it on."""
    if status not in MaintenanceStatus.values:
        raise OperationsProblem("Choose a status: open, in progress, or done.")
    resolution = resolution.strip()
    if status == MaintenanceStatus.DONE and not resolution:
        raise OperationsProblem("Say what was done to fix it before marking it done.")
    with transaction.atomic():
        maintenance_request = MaintenanceRequest.objects.select_for_update().get(pk=maintenance_request.pk)
        if status == MaintenanceStatus.DONE:
            if maintenance_request.status != MaintenanceStatus.DONE:
                maintenance_request.resolved_at = now or timezone.now()
        else:
            maintenance_request.resolved_at = None
        moved_on = status != maintenance_request.status and status != MaintenanceStatus.OPEN
        maintenance_request.status = status
        maintenance_request.resolution = resolution
        maintenance_request.save()
        if moved_on and (by is None or by.pk != maintenance_request.reported_by_id):
            tell_asker(
                kind="maintenance",
                asker=maintenance_request.reported_by,
                url=maintenance_requests.decide_url(maintenance_request.pk),
            )
    return maintenance_request


def resolve_maintenance_request(*, maintenance_request: MaintenanceRequest, resolution: str, now=None):
    """Mark a request done, saying what was done."""
    return update_maintenance_request(
        maintenance_request=maintenance_request, status=MaintenanceStatus.DONE, resolution=resolution, now=now
    )


# --- Safety inspections and drills ----------------------------------------------------------------------------


def record_inspection(
    *,
    residence: Residence,
    kind: str,
    done_on: date,
    passed: bool,
    notes: str = "",
    next_due_on: date | None = None,
    by=None,
    today: date | None = None,
) -> SafetyInspection:
    """Record a safety check or drill that was done. Without a next-due date, the usual interval for its kind
    applies (monthly detector tests, quarterly drills, yearly extinguisher service). A failed one needs notes."""
    today = today or home_today(residence)
    notes = notes.strip()
    if kind not in InspectionKind.values:
        raise OperationsProblem("Choose what kind of safety check this was.")
    if done_on > today:
        raise OperationsProblem("Record a safety check once it is done: the date cannot be in the future.")
    if not passed and not notes:
        raise OperationsProblem("Say what failed and what is being done about it.")
    if next_due_on is None:
        next_due_on = done_on + INSPECTION_INTERVALS[kind]
    elif next_due_on <= done_on:
        raise OperationsProblem("The next one must be due after the day this one was done.")
    return SafetyInspection.objects.create(
        residence=residence,
        kind=kind,
        done_on=done_on,
        passed=passed,
        notes=notes,
        next_due_on=next_due_on,
        recorded_by=by,
    )


# --- Good neighbor ------------------------------------------------------------------------------------------


def set_good_neighbor_contact(
    *, residence: Residence, name: str, role: str = "", phone: str = "", email: str = ""
) -> GoodNeighborContact:
    """Name the person neighbors can reach about the house (one per home; setting it again replaces it)."""
    name, phone, email = name.strip(), phone.strip(), email.strip()
    if not name:
        raise OperationsProblem("Give the name of the person neighbors can reach.")
    if not phone and not email:
        raise OperationsProblem("Give a phone number or an email address neighbors can use.")
    with transaction.atomic():
        Residence.objects.select_for_update().get(pk=residence.pk)
        contact, _ = GoodNeighborContact.objects.update_or_create(
            residence=residence, defaults={"name": name, "role": role.strip(), "phone": phone, "email": email}
        )
    return contact


def log_neighbor_complaint(
    *,
    residence: Residence,
    received_on: date,
    summary: str,
    from_name: str = "",
    from_contact: str = "",
    by=None,
    today: date | None = None,
) -> NeighborComplaint:
    """Write down a neighbor's complaint as it was received; the response comes after."""
    summary = summary.strip()
    if not summary:
        raise OperationsProblem("Say what the complaint is about.")
    if received_on > (today or home_today(residence)):
        raise OperationsProblem("A complaint's date cannot be in the future.")
    return NeighborComplaint.objects.create(
        residence=residence,
        received_on=received_on,
        from_name=from_name.strip() or "Anonymous",
        from_contact=from_contact.strip(),
        summary=summary,
        logged_by=by,
    )


def respond_to_neighbor_complaint(
    *, complaint: NeighborComplaint, response: str, responded_on: date, by=None, today: date | None = None
) -> NeighborComplaint:
    """Record the house's response to a complaint (and when); a later edit replaces it."""
    response = response.strip()
    if not response:
        raise OperationsProblem("Write what the house did or said in response.")
    if responded_on < complaint.received_on:
        raise OperationsProblem(f"The response cannot come before the complaint ({complaint.received_on:%B %-d, %Y}).")
    if responded_on > (today or home_today(complaint.residence)):
        raise OperationsProblem("The response's date cannot be in the future.")
    complaint.response, complaint.responded_on, complaint.responded_by = response, responded_on, by
    complaint.save()
    return complaint
