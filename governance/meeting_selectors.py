"""Reads for the house meeting, officers and "my house" pages, each shaped for its page so that the number of
queries does not grow with the house's history."""

from datetime import date

from django.db.models import Exists, OuterRef, Prefetch

from governance.meeting_models import AgendaItem, Ballot, HouseDecision, HouseMeeting, MeetingAttendance, Motion
from governance.officers.models import Election, ElectionBallot, ElectionStage, Nomination, OfficerTerm
from governance.officers.selectors import current_terms, rotation_warnings
from residences.homes.selectors import residents_living_in


def upcoming_meetings(residence, *, today: date, limit: int = 4):
    return HouseMeeting.objects.filter(residence=residence, held_on__gte=today).order_by("held_on")[:limit]


def past_meetings(residence, *, today: date):
    return HouseMeeting.objects.filter(residence=residence, held_on__lt=today).order_by("-held_on")


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
    residents = residents_living_in(meeting.residence, today=meeting.held_on).order_by("last_name", "first_name")
    return [(resident, marks.get(resident.pk)) for resident in residents]


def decisions_of(residence):
    return HouseDecision.objects.filter(residence=residence).select_related("meeting", "motion")


def officers_page(residence, *, today: date) -> dict:
    return {
        "current": list(current_terms(residence, today=today).order_by("office")),
        "warnings": rotation_warnings(residence, today=today),
        "history": OfficerTerm.objects.filter(residence=residence).select_related("resident").order_by("-starts_on"),
        "elections": list(
            Election.objects.filter(residence=residence).select_related("winner").order_by("-opened_at")[:10]
        ),
    }


def election_page(election: Election, *, resident, today: date | None = None) -> dict:
    """Candidates (and which of them has held this office six months in a row), and whether I voted."""
    voted = resident is not None and ElectionBallot.objects.filter(election=election, voter=resident).exists()
    long_serving = set()
    if today is not None and election.stage != ElectionStage.CLOSED:
        long_serving = {
            warning["term"].resident_id
            for warning in rotation_warnings(election.residence, today=today)
            if warning["term"].office == election.office
        }
    return {
        "long_serving": long_serving,
        "nominations": list(
            Nomination.objects.filter(election=election).select_related("candidate", "nominated_by").order_by("pk")
        ),
        "i_voted": voted,
    }


def my_house_page(residence, *, resident, user, today: date) -> dict:
    """The resident's governance page: the next meeting and its agenda, votes open to them, recent decisions,
    their offices and elections under way."""
    next_meeting = (
        HouseMeeting.objects.filter(residence=residence, held_on__gte=today, cancelled=False)
        .order_by("held_on")
        .prefetch_related(Prefetch("agenda_items", queryset=AgendaItem.objects.order_by("created_at", "pk")))
        .first()
    )
    open_motions = list(
        motions_with_my_ballot(Motion.objects.filter(residence=residence, closed_at__isnull=True), resident).order_by(
            "opened_at"
        )
    )
    return {
        "next_meeting": next_meeting,
        "open_motions": open_motions,
        "decisions": list(decisions_of(residence)[:5]),
        "my_offices": list(current_terms(residence, today=today).filter(resident=resident)) if resident else [],
        "elections": list(Election.objects.filter(residence=residence).exclude(stage=ElectionStage.CLOSED)),
    }
