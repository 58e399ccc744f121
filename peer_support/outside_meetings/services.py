"""Outside meetings: a resident logs their own attendance; staff may mark an entry verified; the week's count is
set against the current phase's `meetings_per_week`."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.utils import timezone

from peer_support.outside_meetings.models import OutsideMeeting
from recovery.errors import DomainError
from residences.homes.selectors import stay_not_ended
from residents.phases.services import step_is_current


class MeetingProblem(DomainError):
    pass


def week_of(day: date) -> tuple[date, date]:
    """Monday to Sunday around `day`."""
    monday = day - timedelta(days=day.weekday())
    return monday, monday + timedelta(days=6)


def log_meeting(*, resident, attended_on: date, name: str, kind: str, place: str = "", today: date) -> OutsideMeeting:
    """The resident's own attendance only: no photos, no names of other attendees."""
    if attended_on > today:
        raise MeetingProblem("That date is still to come. Log a meeting once you have been.")
    if attended_on < today - timedelta(days=60):
        raise MeetingProblem("That is more than two months ago. Ask your house manager to add older meetings.")
    return OutsideMeeting.objects.create(
        resident=resident, attended_on=attended_on, name=name.strip(), kind=kind, place=place.strip()
    )


def verify_meeting(*, meeting: OutsideMeeting, by) -> OutsideMeeting:
    if meeting.verified_at is None:
        meeting.verified_by, meeting.verified_at = by, timezone.now()
        meeting.save()
    return meeting


@dataclass
class WeekProgress:
    attended: int
    required: int
    phase_name: str

    @property
    def met(self) -> bool:
        return self.attended >= self.required

    @property
    def to_go(self) -> int:
        return max(self.required - self.attended, 0)


def week_progress(resident, *, today: date) -> WeekProgress:
    from residents.models import PhaseStep

    monday, sunday = week_of(today)
    attended = OutsideMeeting.objects.filter(resident=resident, attended_on__range=(monday, sunday)).count()
    step = (
        PhaseStep.objects.filter(stay_not_ended(today, "stay__"), step_is_current(today), stay__resident=resident)
        .select_related("phase")
        .first()
    )
    if step is None:
        return WeekProgress(attended=attended, required=0, phase_name="")
    return WeekProgress(attended=attended, required=step.phase.meetings_per_week, phase_name=step.phase.name)
