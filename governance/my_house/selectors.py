"""Reads for the house meeting, officers and "my house" pages, each shaped for its page so that the number of
queries does not grow with the house's history."""

from datetime import date

from django.db.models import Prefetch

from governance.house_meetings.models import AgendaItem, HouseMeeting, Motion
from governance.house_meetings.selectors import decisions_of, motions_with_my_ballot
from governance.officers.models import Election, ElectionStage
from governance.officers.selectors import current_terms


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
