"""Reads for the house meeting, officers and "my house" pages, each shaped for its page so that the number of
queries does not grow with the house's history."""

from datetime import date

from django.db.models import Count, Exists, OuterRef, Q

from governance.house_meetings.models import (
    AgendaItem,
    AttendanceStatus,
    Ballot,
    HouseDecision,
    HouseMeeting,
    MeetingAttendance,
    Motion,
)
from governance.officers.models import Election
from residences.homes.selectors import residents_living_in


def upcoming_meetings(residence, *, today: date, limit: int = 4):
    return HouseMeeting.objects.filter(residence=residence, held_on__gte=today).order_by("held_on")[:limit]


def past_meetings(residence, *, today: date):
    return HouseMeeting.objects.filter(residence=residence, held_on__lt=today).order_by("-held_on")


def meetings_of(residence):
    """Every meeting of a home, newest first, each with `present` (residents marked present) and
    `decision_count` (the decisions recorded at it): the house meetings export. One query."""
    present = Q(attendance__status=AttendanceStatus.PRESENT)
    return (
        HouseMeeting.objects.filter(residence=residence)
        .annotate(
            present=Count("attendance", filter=present, distinct=True),
            decision_count=Count("decisions", distinct=True),
        )
        .order_by("-held_on")
    )


def motions_with_my_ballot(queryset, resident):
    """Motions, each with `i_voted` (whether this resident has a ballot on it) — one query."""
    voted = Ballot.objects.filter(motion=OuterRef("pk"), voter=resident) if resident else Ballot.objects.none()
    return queryset.select_related("residence").annotate(i_voted=Exists(voted))


def meeting_page(meeting: HouseMeeting, *, resident, today: date) -> dict:
    """Everything the meeting page shows: agenda, motions (and whether I voted), decisions, elections, the
    meeting before (whose minutes this one approves), attendance. A fixed number of queries."""
    motions = list(motions_with_my_ballot(Motion.objects.filter(meeting=meeting), resident).order_by("opened_at"))
    previous = (
        HouseMeeting.objects.filter(residence_id=meeting.residence_id, held_on__lt=meeting.held_on, cancelled=False)
        .order_by("-held_on")
        .first()
    )
    return {
        "agenda": list(AgendaItem.objects.filter(meeting=meeting).select_related("added_by")),
        "motions": motions,
        "decisions": list(HouseDecision.objects.filter(meeting=meeting)),
        "elections": list(Election.objects.filter(meeting=meeting)),
        "previous": previous,
        "attendance": list(
            MeetingAttendance.objects.filter(meeting=meeting)
            .select_related("resident")
            .order_by("resident__last_name", "resident__first_name")
        ),
    }


def open_ballots(motion: Motion):
    """For an OPEN (non-secret) vote only: who voted how. A secret ballot has no such list."""
    if motion.secret:
        return Ballot.objects.none()
    return Ballot.objects.filter(motion=motion).select_related("voter").order_by("voter__last_name")


def attendance_sheet(meeting: HouseMeeting) -> list[tuple]:
    """Everyone living in the house on the meeting day, with their mark (or None)."""
    marks = {m.resident_id: m for m in MeetingAttendance.objects.filter(meeting=meeting)}
    residents = residents_living_in(meeting.residence, on=meeting.held_on).order_by("last_name", "first_name")
    return [(resident, marks.get(resident.pk)) for resident in residents]


def decisions_of(residence):
    return HouseDecision.objects.filter(residence=residence).select_related("meeting", "motion")
