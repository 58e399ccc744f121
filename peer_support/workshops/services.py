"""Workshops: the curriculum, scheduling sessions, RSVPs from residents, attendance and session notes."""

from django.db import transaction
from django.utils import timezone

from peer_support.workshops.models import Workshop, WorkshopAttendance, WorkshopRsvp, WorkshopSession
from recovery.errors import DomainError


class SessionNotScheduled(DomainError):
    pass


class RsvpClosed(DomainError):
    pass


class AttendanceNotYet(DomainError):
    pass


def add_workshop(*, topic: str, title: str, description: str = "") -> Workshop:
    return Workshop.objects.create(topic=topic, title=title, description=description)


def schedule_session(
    *, workshop, residence, starts_at, place, facilitator_user=None, facilitator_resident=None, materials=""
) -> WorkshopSession:
    """A session for one home (or all homes), led by a staff member or a peer resident, not both."""
    if facilitator_user is not None and facilitator_resident is not None:
        raise SessionNotScheduled("Choose one facilitator: a staff member or a resident, not both.")
    return WorkshopSession.objects.create(
        workshop=workshop,
        residence=residence,
        starts_at=starts_at,
        place=place,
        facilitator_user=facilitator_user,
        facilitator_resident=facilitator_resident,
        materials=materials,
    )


def rsvp(*, session: WorkshopSession, resident, going: bool, now=None) -> WorkshopRsvp:
    """Going or not going, changeable until the session starts."""
    now = now or timezone.now()
    if session.starts_at <= now:
        raise RsvpClosed("This session has already started, so answers are closed.")
    answer, _ = WorkshopRsvp.objects.update_or_create(session=session, resident=resident, defaults={"going": going})
    return answer


def take_attendance(*, session: WorkshopSession, residents, present_ids, by, now=None) -> int:
    """Mark each of `residents` present or absent, once the session has started. Safe to submit again."""
    now = now or timezone.now()
    if session.starts_at > now:
        raise AttendanceNotYet("Attendance opens when the session starts.")
    present_ids = {int(pk) for pk in present_ids}
    with transaction.atomic():
        for resident in residents:
            WorkshopAttendance.objects.update_or_create(
                session=session, resident=resident, defaults={"present": resident.pk in present_ids, "taken_by": by}
            )
    return len(present_ids)


def save_session_notes(*, session: WorkshopSession, notes: str, materials: str) -> WorkshopSession:
    session.notes, session.materials = notes, materials
    session.save(update_fields=["notes", "materials"])
    return session
