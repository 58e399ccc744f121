"""The events of a person's calendar feed: house meetings, workshops, chores, passes due back and progress reviews
that concern them, from a little before today to a few months ahead.

Who sees what (no more than their pages show them):
- a resident: their home's meetings and workshop sessions (and sessions for every home), their own chores, their
  own approved passes' return times, their own progress reviews not yet completed;
- admins, staff and house managers: the meetings and workshop sessions of the homes they look after, the approved
  passes due back there, and the open progress reviews of the people living there;
- anyone else (a coach): nothing yet.

An event's title is one of `EventKind`'s plain words, never a name, a workshop's topic or a clinical word, so a
calendar shown on a lock screen or shared with a family member discloses nothing (42 CFR Part 2: that someone lives
in a recovery residence is itself protected). Times carry the home's time zone.
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db.models import Q
from django.urls import reverse

from governance.chores.models import ChoreAssignment
from governance.house_meetings.models import HouseMeeting
from governance.passes.models import Pass, PassStatus
from peer_support.workshops.models import WorkshopSession
from recovery.models import Role
from recovery.tenancy import at_wall_time, home_time_zone
from residences.homes.selectors import resident_record_of, stays_living_in, visible_residences
from residents.reviews.models import ProgressReview

DAYS_BEFORE = 14
DAYS_AHEAD = 120
MEETING_LENGTH = timedelta(hours=1)
WORKSHOP_LENGTH = timedelta(hours=1, minutes=30)
PASS_RETURN_LENGTH = timedelta(minutes=15)
STAFF_ROLES = (Role.ADMIN, Role.STAFF, Role.HOUSE_MANAGER)


class EventKind:
    """The only titles an event may carry."""

    HOUSE_MEETING = "House meeting"
    WORKSHOP = "Workshop"
    CHORE = "Chore"
    PASS_DUE_BACK = "Pass: due back"  # noqa: S105 - a title, not a secret
    PROGRESS_REVIEW = "Progress review"
    ALL = frozenset({HOUSE_MEETING, WORKSHOP, CHORE, PASS_DUE_BACK, PROGRESS_REVIEW})


@dataclass(frozen=True)
class CalendarEvent:
    """One event: a stable `uid`, a `title` from EventKind, and either aware `starts`/`ends` (in the home's zone) or
    all-day `day`s (`starts` and `ends` as dates, `ends` exclusive); `path` is its page in Hearth."""

    uid: str
    title: str
    starts: datetime | date
    ends: datetime | date
    path: str = ""


def _meetings(homes, start: date, end: date):
    meetings = HouseMeeting.objects.filter(residence__in=homes, held_on__range=(start, end), cancelled=False)
    for meeting in meetings.select_related("residence__organization"):
        starts = at_wall_time(meeting.held_on, meeting.starts_at, home_time_zone(meeting.residence))
        path = reverse("governance:meeting", kwargs={"pk": meeting.pk})
        yield CalendarEvent(
            f"house-meeting-{meeting.pk}", EventKind.HOUSE_MEETING, starts, starts + MEETING_LENGTH, path
        )


def _workshops(homes, start: date, end: date, *, every_home_sessions: bool):
    where = Q(residence__in=homes) | Q(residence__isnull=True) if every_home_sessions else Q(residence__in=homes)
    sessions = WorkshopSession.objects.filter(where, starts_at__date__range=(start, end)).select_related(
        "residence__organization", "organization"
    )
    for session in sessions:
        starts = session.starts_at.astimezone(home_time_zone(session.residence, organization=session.organization))
        path = reverse("peer_support:workshops")
        yield CalendarEvent(
            f"workshop-session-{session.pk}", EventKind.WORKSHOP, starts, starts + WORKSHOP_LENGTH, path
        )


def _chores(resident, start: date, end: date):
    assignments = ChoreAssignment.objects.filter(resident=resident, week__week_of__range=(start, end))
    for assignment in assignments.select_related("week"):
        week_of = assignment.week.week_of
        path = reverse("governance:chore_mine")
        yield CalendarEvent(f"chore-{assignment.pk}", EventKind.CHORE, week_of, week_of + timedelta(days=7), path)


def _passes(passes, start: date, end: date):
    due = passes.filter(status=PassStatus.APPROVED, returns_at__date__range=(start, end))
    for a_pass in due.select_related("residence__organization"):
        back = a_pass.returns_at.astimezone(home_time_zone(a_pass.residence))
        yield CalendarEvent(f"pass-{a_pass.pk}", EventKind.PASS_DUE_BACK, back, back + PASS_RETURN_LENGTH)


def _reviews(reviews, start: date, end: date):
    for review in reviews.filter(completed_at__isnull=True, due_on__range=(start, end)):
        yield CalendarEvent(
            f"progress-review-{review.pk}", EventKind.PROGRESS_REVIEW, review.due_on, review.due_on + timedelta(days=1)
        )


def events_for(membership, *, today: date) -> list[CalendarEvent]:
    """The events of `membership`'s feed from DAYS_BEFORE before `today` (the person's day, `viewer_today`) to
    DAYS_AHEAD after it, in time order (all-day events at the start of their day). Runs inside the organization's
    scope; a fixed number of queries whatever the number of events."""
    start, end = today - timedelta(days=DAYS_BEFORE), today + timedelta(days=DAYS_AHEAD)
    events: list[CalendarEvent] = []
    if membership.role == Role.RESIDENT:
        resident = resident_record_of(membership.user)
        if resident is None:
            return []
        home = visible_residences(membership, own_home=True)
        events += _meetings(home, start, end)
        events += _workshops(home, start, end, every_home_sessions=True)
        events += _chores(resident, start, end)
        events += _passes(Pass.objects.filter(stay__resident=resident), start, end)
        events += _reviews(ProgressReview.objects.filter(stay__resident=resident), start, end)
    elif membership.role in STAFF_ROLES:
        homes = visible_residences(membership)
        events += _meetings(homes, start, end)
        events += _workshops(homes, start, end, every_home_sessions=True)
        events += _passes(Pass.objects.filter(residence__in=homes), start, end)
        living = stays_living_in(list(homes.values_list("pk", flat=True)), on=None)
        events += _reviews(ProgressReview.objects.filter(stay__in=living), start, end)
    return sorted(events, key=_sort_key)


def _sort_key(event: CalendarEvent):
    starts = event.starts
    if not isinstance(starts, datetime):
        return (starts, time.min, event.uid)
    return (starts.date(), starts.timetz().replace(tzinfo=None), event.uid)
