"""The residences' verbs: open a home, add beds, admit an applicant, transfer, move out."""

from datetime import date

from django.db import IntegrityError, transaction
from django.db.models import Q

from recovery.errors import DomainError
from recovery.models import Membership, Role
from recovery.registry import run_home_opened, run_stay_event
from recovery.tenancy import home_today
from recovery.webhooks import events as webhook_events
from recovery.webhooks.services import emit_event
from residences.homes.selectors import bed_of, home_of, stay_has_ended
from residences.models import (
    LEVEL_DEFAULTS,
    Application,
    ApplicationStatus,
    Bed,
    BedAssignment,
    DischargeReason,
    HouseManagerAssignment,
    Residence,
    Room,
    Stay,
)
from residents.profiles.models import Resident

# How far from the home's today a page or the API may date an admission or plan a move-out: an admission may be
# recorded a little late, not rewritten months on; a date past a year ahead is a typo (9999), not a plan.
ADMIT_PAST_DAYS = 30
ADMIT_AHEAD_DAYS = 366
MOVE_OUT_AHEAD_DAYS = 366


class BedNotAvailable(DomainError):
    pass


class StayProblem(DomainError):
    pass


def create_residence(*, name: str, level: int, **fields) -> Residence:
    """A new home, with the features its level turns on by default (any given in `fields` win), and what each
    feature gives a new home (the registry's "home_opened" key: the default consequence ladder)."""
    with transaction.atomic():
        residence = Residence.objects.create(name=name, level=level, **{**LEVEL_DEFAULTS[level], **fields})
        run_home_opened(residence=residence)
    return residence


def add_room_with_beds(*, residence: Residence, name: str, bed_labels) -> Room:
    with transaction.atomic():
        room = Room.objects.create(residence=residence, name=name)
        for label in bed_labels:
            Bed.objects.create(room=room, label=label)
    return room


def assign_house_manager(*, membership: Membership, residence: Residence) -> HouseManagerAssignment:
    if membership.role != Role.HOUSE_MANAGER:
        raise DomainError("Only a house manager can be assigned to look after a home.")
    assignment, _ = HouseManagerAssignment.objects.get_or_create(membership=membership, residence=residence)
    return assignment


def _overlapping(bed: Bed, starts_on: date, ends_on: date | None):
    """Assignments of `bed` that overlap [starts_on, ends_on) — an open end runs forever."""
    overlapping = BedAssignment.objects.filter(bed=bed).filter(Q(ends_on__isnull=True) | Q(ends_on__gt=starts_on))
    if ends_on is not None:
        overlapping = overlapping.filter(starts_on__lt=ends_on)
    return overlapping


def _claim_bed(*, bed: Bed, stay: Stay, starts_on: date, ends_on: date | None = None) -> BedAssignment:
    """Put the stay in the bed from `starts_on` (until `ends_on`, exclusive, for a stay with a planned move-out),
    refusing a bed that is out of service or taken.

    The row lock makes two admissions for one bed take turns; on PostgreSQL the exclusion constraint stands
    behind it, so even a path that forgot the lock cannot double-book.
    """
    bed = Bed.objects.select_for_update().get(pk=bed.pk)
    if not bed.in_service:
        raise BedNotAvailable(f"Bed {bed} is out of service. Choose another bed.")
    if _overlapping(bed, starts_on, ends_on).exists():
        raise BedNotAvailable(f"Bed {bed} is taken or reserved from {starts_on:%B %-d}. Choose another bed.")
    try:
        with transaction.atomic():
            return BedAssignment.objects.create(stay=stay, bed=bed, starts_on=starts_on, ends_on=ends_on)
    except IntegrityError as error:
        raise BedNotAvailable(f"Bed {bed} was just taken by someone else. Choose another bed.") from error


def _admit(*, person: dict, bed: Bed, move_in: date, expected_move_out: date | None, application=None) -> Stay:
    """Inside the caller's transaction: the resident from `person` (profile fields), the stay and its first bed."""
    resident = Resident.objects.create(**person)
    stay = Stay.objects.create(
        resident=resident, application=application, move_in=move_in, expected_move_out=expected_move_out
    )
    _claim_bed(bed=bed, stay=stay, starts_on=move_in)
    return stay


def _check_dates(move_in: date, expected_move_out: date | None) -> None:
    if expected_move_out is not None and expected_move_out <= move_in:
        raise StayProblem("The expected move-out date must come after the move-in date.")


def admit_applicant(
    *, application: Application, bed: Bed, move_in: date, expected_move_out: date | None = None, by=None
) -> Stay:
    """Accept an application and admit: the resident, the stay and the bed assignment, all or nothing."""
    _check_dates(move_in, expected_move_out)
    with transaction.atomic():
        application = Application.objects.select_for_update().get(pk=application.pk)
        if application.resident_id is not None:
            raise StayProblem("This applicant has already been admitted.")
        if application.status in (ApplicationStatus.DECLINED, ApplicationStatus.WITHDRAWN):
            raise StayProblem(
                f"This application was {application.get_status_display().lower()}; reopen it before admitting."
            )
        person = {
            "first_name": application.first_name,
            "last_name": application.last_name,
            "preferred_name": application.preferred_name,
            "pronouns": application.pronouns,
            "email": application.email,
            "phone": application.phone,
        }
        stay = _admit(
            person=person, bed=bed, move_in=move_in, expected_move_out=expected_move_out, application=application
        )
        application.status, application.resident = ApplicationStatus.ACCEPTED, stay.resident
        application.save()
        run_stay_event("admitted", stay=stay)
        emit_event(kind=webhook_events.STAY_ADMITTED, object_id=stay.pk)
    return stay


def admit_resident(
    *,
    first_name: str,
    last_name: str,
    bed: Bed,
    move_in: date,
    preferred_name: str = "",
    email: str = "",
    phone: str = "",
    expected_move_out: date | None = None,
) -> Stay:
    """Admit a person directly, without a public application (staff met them in person, a referral called): the
    resident, the stay and the bed assignment, all or nothing, as for an applicant. Raises BedNotAvailable or
    StayProblem with the reason."""
    _check_dates(move_in, expected_move_out)
    first_name, last_name = first_name.strip(), last_name.strip()
    if not first_name or not last_name:
        raise StayProblem("Enter the resident's first and last name.")
    person = {
        "first_name": first_name,
        "last_name": last_name,
        "preferred_name": preferred_name.strip(),
        "email": email.strip(),
        "phone": phone.strip(),
    }
    with transaction.atomic():
        stay = _admit(person=person, bed=bed, move_in=move_in, expected_move_out=expected_move_out)
        run_stay_event("admitted", stay=stay)
        emit_event(kind=webhook_events.STAY_ADMITTED, object_id=stay.pk)
    return stay


def _home_of_stay(stay: Stay):
    """The stay's home (its current bed's, else its last one's; one query), or None: whether a stay has ended turns
    at its home's midnight, `home_today(_home_of_stay(stay))` (issue 15, item 6)."""
    return home_of(stay=stay, on=None, latest=True)


def transfer(*, stay: Stay, bed: Bed, on: date) -> BedAssignment:
    """Move a resident to another bed (in this home or another) from `on` (a date in the organization's time zone);
    the old stretch is kept. A move-out planned for a later day is a plan (`residences.homes.selectors`): the stay
    can be transferred before that day, and the new bed is theirs until it. Raises StayProblem or BedNotAvailable.
    """
    with transaction.atomic():
        stay = Stay.objects.select_for_update().get(pk=stay.pk)
        if stay_has_ended(stay, home_today(_home_of_stay(stay))):
            raise StayProblem("This stay has ended; admit the person again instead.")
        if stay.move_out is not None and on >= stay.move_out:
            raise StayProblem(f"They move out on {stay.move_out:%B %-d, %Y}; a transfer must come before that day.")
        current = bed_of(stay=stay, on=None)
        if current is None:
            raise StayProblem("This stay has no current bed to move from.")
        if current.bed_id == bed.pk:
            raise StayProblem("That is the bed they are in already.")
        if on <= current.starts_on:
            raise StayProblem(f"A transfer must come after they moved into their bed on {current.starts_on:%B %-d}.")
        current.ends_on = on
        current.save()
        return _claim_bed(bed=bed, stay=stay, starts_on=on, ends_on=stay.move_out)


def move_out(*, stay: Stay, on: date, reason: str, destination: str = "") -> Stay:
    """End a stay (and its bed stretch) on `on` (a date in the organization's time zone), with a discharge reason;
    the bed frees from that day. A later day is a planned move-out: until it comes the stay is current, the bed
    occupied, and every feature counts the person as living here (`residences.homes.selectors`). Raises
    StayProblem when the stay has a move-out already or `on` comes before the move-in."""
    if reason not in DischargeReason.values:
        raise StayProblem("Choose a reason for the move-out.")
    with transaction.atomic():
        stay = Stay.objects.select_for_update().get(pk=stay.pk)
        if stay.move_out is not None and not stay_has_ended(stay, home_today(_home_of_stay(stay))):
            raise StayProblem(f"This stay already has a move-out planned for {stay.move_out:%B %-d, %Y}.")
        if stay.move_out is not None:
            raise StayProblem(f"This stay already ended on {stay.move_out:%B %-d, %Y}.")
        if on < stay.move_in:
            raise StayProblem(f"The move-out date cannot be before the move-in on {stay.move_in:%B %-d, %Y}.")
        current = bed_of(stay=stay, on=None)
        if current is not None:
            if on <= current.starts_on:
                # Leaving on the day they came (or before the bed was reached) frees the bed entirely.
                current.delete()
            else:
                current.ends_on = on
                current.save()
        stay.move_out, stay.discharge_reason, stay.destination = on, reason, destination
        stay.save()
        run_stay_event("moved_out", stay=stay)
        emit_event(kind=webhook_events.STAY_MOVED_OUT, object_id=stay.pk)
    return stay
