"""Reads for the workshop pages, and `next_workshop_for` for a resident's "today" page."""

from datetime import timedelta

from django.db.models import Count, OuterRef, Q, Subquery
from django.utils import timezone

from peer_support.workshops.models import Workshop, WorkshopAttendance, WorkshopRsvp, WorkshopSession
from recovery.models import Role
from recovery.tenancy import current_organization
from residences.homes.selectors import assigned_residence_ids, home_of, home_residence_id, residents_living_in
from residents.models import Resident


def _with_joins(sessions):
    return sessions.select_related("workshop", "residence", "facilitator_user", "facilitator_resident").annotate(
        going_count=Count("rsvps", filter=Q(rsvps__going=True), distinct=True)
    )


def _with_my_answer(sessions, resident):
    if resident is None:
        return sessions
    mine = WorkshopRsvp.objects.filter(session=OuterRef("pk"), resident=resident).values("going")[:1]
    return sessions.annotate(my_going=Subquery(mine))


def _home_filter(residence_id) -> Q:
    return Q(residence__isnull=True) | Q(residence_id=residence_id)


def visible_sessions(membership, *, resident=None):
    """Sessions this person may see: all-homes sessions, and besides: a resident those of their home (and those
    they lead); a house manager those of their homes; a coach those they lead; admin and staff every one."""
    sessions = WorkshopSession.objects.all()
    if membership.role == Role.RESIDENT:
        sessions = sessions.filter(_home_filter(home_residence_id(membership)))
        if resident is not None:
            sessions = sessions | WorkshopSession.objects.filter(facilitator_resident=resident)
    elif membership.role == Role.HOUSE_MANAGER:
        sessions = sessions.filter(Q(residence__isnull=True) | Q(residence__in=assigned_residence_ids(membership)))
    elif membership.role == Role.COACH:
        sessions = sessions.filter(Q(residence__isnull=True) | Q(facilitator_user=membership.user))
    return _with_my_answer(_with_joins(sessions), resident)


def workshop_page(membership, *, resident, now):
    """Upcoming sessions (soonest first), recent past ones (last 60 days) and the curriculum."""
    sessions = visible_sessions(membership, resident=resident)
    return {
        "upcoming": list(sessions.filter(starts_at__gte=now).order_by("starts_at")[:50]),
        "past": list(
            sessions.filter(starts_at__lt=now, starts_at__gte=now - timedelta(days=60)).order_by("-starts_at")[:50]
        ),
        "curriculum": list(Workshop.objects.annotate(session_count=Count("sessions")).order_by("topic", "title")),
    }


def session_with_joins():
    return WorkshopSession.objects.select_related("workshop", "residence", "facilitator_user", "facilitator_resident")


def expected_residents(session: WorkshopSession, *, today):
    """Who the attendance list names: residents living in the session's home (any home, for all homes) today,
    and anyone who answered."""
    living = residents_living_in(session.residence_id, on=today, every_home=session.residence_id is None)
    answered = WorkshopRsvp.objects.filter(session=session).values("resident_id")
    return Resident.objects.filter(Q(pk__in=living) | Q(pk__in=answered)).order_by("first_name", "last_name")


def session_roster(session: WorkshopSession, *, today) -> list[dict]:
    """Each expected resident with their answer and attendance (three queries)."""
    answers = dict(WorkshopRsvp.objects.filter(session=session).values_list("resident_id", "going"))
    present = dict(WorkshopAttendance.objects.filter(session=session).values_list("resident_id", "present"))
    return [
        {"resident": resident, "going": answers.get(resident.pk), "present": present.get(resident.pk)}
        for resident in expected_residents(session, today=today)
    ]


def next_workshop_for(resident: Resident, now=None):
    """The next session for the resident's home (or all homes), with `my_going` (None when not answered)."""
    now = now or timezone.now()
    organization = current_organization() or resident.organization
    home = home_of(resident=resident, on=timezone.localdate(now, timezone=organization.time_zone))
    sessions = WorkshopSession.objects.filter(_home_filter(home.pk if home else None), starts_at__gte=now)
    return _with_my_answer(_with_joins(sessions), resident).order_by("starts_at").first()
