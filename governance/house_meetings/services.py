"""The verbs of house meetings: scheduling, the agenda, attendance, minutes and their approval, motions, votes
and the decisions log. Each runs in a transaction and raises a `MeetingProblem` a person can act on."""

import math
from datetime import date, datetime, timedelta

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from governance.house_meetings.models import (
    AgendaItem,
    AttendanceStatus,
    Ballot,
    HouseDecision,
    HouseMeeting,
    MeetingAttendance,
    MeetingSchedule,
    Motion,
    MotionElector,
    MotionResult,
    Quorum,
    VoteChoice,
)
from recovery.errors import DomainError
from recovery.tenancy import home_today
from residences.homes.selectors import residents_living_in
from residences.models import Residence


class MeetingProblem(DomainError):
    pass


DEFAULT_SCHEDULE_AHEAD = 4


def quorum_needed(rule: str, eligible: int) -> int:
    """How many must vote for a result to count: at least one, whatever the rule."""
    if rule == Quorum.TWO_THIRDS:
        needed = math.ceil(eligible * 2 / 3)
    elif rule == Quorum.ONE_THIRD:
        needed = math.ceil(eligible / 3)
    else:
        needed = eligible // 2 + 1
    return max(needed, 1)


def schedule_of(residence: Residence) -> MeetingSchedule | None:
    return MeetingSchedule.objects.filter(residence=residence).first()


def set_schedule(*, residence: Residence, weekday: int, starts_at, place: str = "", quorum: str = Quorum.MAJORITY):
    """Set when the home meets and its quorum (one schedule per home)."""
    with transaction.atomic():
        schedule = MeetingSchedule.objects.select_for_update().filter(residence=residence).first()
        schedule = schedule or MeetingSchedule(residence=residence)
        schedule.weekday, schedule.starts_at, schedule.place, schedule.quorum = weekday, starts_at, place, quorum
        schedule.save()
    return schedule


def upcoming_dates(weekday: int, *, today: date, count: int) -> list[date]:
    first = today + timedelta(days=(weekday - today.weekday()) % 7)
    return [first + timedelta(weeks=n) for n in range(count)]


def schedule_meetings(*, residence: Residence, today: date | None = None, count: int = DEFAULT_SCHEDULE_AHEAD):
    """Create the home's next `count` meetings from its schedule. One meeting per home and date (a database
    constraint), so running this twice, or from two workers at once, makes each meeting once. Returns the new."""
    schedule = schedule_of(residence)
    if schedule is None:
        raise MeetingProblem("Set the day and time this house meets first.")
    today = today or home_today(residence)
    created = []
    for held_on in upcoming_dates(schedule.weekday, today=today, count=count):
        if HouseMeeting.objects.filter(residence=residence, held_on=held_on).exists():
            continue
        try:
            with transaction.atomic():
                created.append(
                    HouseMeeting.objects.create(
                        residence=residence, held_on=held_on, starts_at=schedule.starts_at, place=schedule.place
                    )
                )
        except IntegrityError:
            continue  # another worker made it a moment ago
    return created


def add_agenda_item(*, meeting: HouseMeeting, title: str, details: str = "", by) -> AgendaItem:
    title = title.strip()
    if not title:
        raise MeetingProblem("Write a few words about what you want to bring up.")
    if meeting.minutes_approved_at is not None:
        raise MeetingProblem("This meeting's minutes are approved; add your item to the next meeting.")
    return AgendaItem.objects.create(meeting=meeting, title=title, details=details.strip(), added_by=by)


def record_attendance(*, meeting: HouseMeeting, marks: dict, by) -> int:
    """Mark who was present, excused or absent: `marks` maps a resident to (status, note). Marks can be changed."""
    living = set(residents_living_in(meeting.residence, on=meeting.held_on).values_list("pk", flat=True))
    saved = 0
    with transaction.atomic():
        existing = {a.resident_id: a for a in MeetingAttendance.objects.select_for_update().filter(meeting=meeting)}
        for resident, (status, note) in marks.items():
            resident_id = getattr(resident, "pk", resident)
            if status not in AttendanceStatus.values:
                raise MeetingProblem("Choose present, excused or absent for each resident.")
            if resident_id not in living and resident_id not in existing:
                raise MeetingProblem("Only people living in the house on the meeting day can be marked.")
            mark = existing.get(resident_id) or MeetingAttendance(meeting=meeting, resident_id=resident_id)
            mark.status, mark.note, mark.recorded_by = status, note.strip(), by
            if mark._state.adding or mark.changed_fields():
                mark.save()
                saved += 1
    return saved


def save_minutes(*, meeting: HouseMeeting, minutes: str, by) -> HouseMeeting:
    """Write (or correct) the minutes. Once the house has approved them they are the record, and stay as they are."""
    with transaction.atomic():
        meeting = HouseMeeting.objects.select_for_update().get(pk=meeting.pk)
        if meeting.minutes_approved_at is not None:
            raise MeetingProblem("These minutes were approved by the house, so they can no longer be changed.")
        meeting.minutes = minutes.strip()
        meeting.minutes_by = by
        meeting.minutes_updated_at = timezone.now()
        meeting.save()
    return meeting


def previous_meeting(meeting: HouseMeeting) -> HouseMeeting | None:
    return (
        HouseMeeting.objects.filter(residence_id=meeting.residence_id, held_on__lt=meeting.held_on, cancelled=False)
        .order_by("-held_on")
        .first()
    )


def approve_minutes(*, minutes_of: HouseMeeting, at_meeting: HouseMeeting, by) -> HouseDecision:
    """The house approves a meeting's minutes at a later meeting; the approval goes in the decisions log."""
    if at_meeting.residence_id != minutes_of.residence_id or at_meeting.held_on <= minutes_of.held_on:
        raise MeetingProblem("Minutes are approved at a later meeting of the same house.")
    with transaction.atomic():
        minutes_of = HouseMeeting.objects.select_for_update().get(pk=minutes_of.pk)
        if minutes_of.minutes_approved_at is not None:
            raise MeetingProblem("These minutes were already approved.")
        if not minutes_of.minutes:
            raise MeetingProblem("There are no minutes to approve yet: the secretary writes them first.")
        minutes_of.minutes_approved_at = timezone.now()
        minutes_of.minutes_approved_by = by
        minutes_of.minutes_approved_at_meeting = at_meeting
        minutes_of.save()
        return HouseDecision.objects.create(
            residence_id=at_meeting.residence_id,
            meeting=at_meeting,
            summary=f"Minutes of the meeting of {minutes_of.held_on:%B %-d, %Y} approved.",
            decided_on=at_meeting.held_on,
            recorded_by=by,
        )


def record_decision(*, residence: Residence, summary: str, decided_on: date, meeting=None, by) -> HouseDecision:
    summary = summary.strip()
    if not summary:
        raise MeetingProblem("Write what the house decided.")
    return HouseDecision.objects.create(
        residence=residence, meeting=meeting, summary=summary, decided_on=decided_on, recorded_by=by
    )


def open_motion(
    *,
    residence: Residence,
    title: str,
    details: str = "",
    secret: bool = False,
    meeting=None,
    by,
    now: datetime | None = None,
) -> Motion:
    """Put a motion to the house. Votes need house democracy, which the operator can turn off per home."""
    if not residence.democracy_features:
        raise MeetingProblem("House votes are turned off for this home. The operator can turn them on.")
    title = title.strip()
    if not title:
        raise MeetingProblem("Write the motion the house will vote on.")
    if meeting is not None and meeting.residence_id != residence.pk:
        raise MeetingProblem("That meeting belongs to another house.")
    electors, fixed = electorate_at_opening(residence)
    with transaction.atomic():
        motion = Motion.objects.create(
            residence=residence,
            meeting=meeting,
            title=title,
            details=details.strip(),
            secret=secret,
            opened_by=by,
            opened_at=now or timezone.now(),
            **fixed,
        )
        MotionElector.objects.bulk_create(MotionElector(motion=motion, resident_id=pk) for pk in electors)
    _tell_the_house(motion)
    return motion


def electorate_at_opening(residence: Residence, *, also=()) -> tuple[list[int], dict]:
    """Who may vote on a motion (or in an election) opened in `residence` today: the ids of the residents living
    there on the organization's date, with `also` (ids) added, and the fields that fix it on the motion or
    election: `eligible_count`, `quorum_needed` (from the home's quorum rule, Quorum.MAJORITY without a schedule)
    and `electorate_fixed_at` (now, aware UTC).

    Issue 14, item 3: a secret ballot cannot drop a choice later, so the number it is measured against is fixed
    when voting opens too. Someone who moves in later is not in the electorate; someone who moves out stays in it
    (a ballot they cast stands, though they can no longer vote if they had not).
    """
    today = home_today(residence)
    ids = sorted(set(residents_living_in(residence, on=today).values_list("pk", flat=True)) | set(also))
    schedule = schedule_of(residence)
    fixed = {
        "eligible_count": len(ids),
        "quorum_needed": quorum_needed(schedule.quorum if schedule else Quorum.MAJORITY, len(ids)),
        "electorate_fixed_at": timezone.now(),
    }
    return ids, fixed


def fix_electorate(*, motion: Motion) -> int:
    """Fix the electorate of a motion recorded before electorates existed (on its first vote or at its close):
    the residents living in the home that day plus anyone who already voted (each lived there when they voted).
    Does nothing to a motion whose electorate is fixed. Call inside a transaction holding the motion's lock.
    Returns the size of the electorate."""
    if motion.electorate_fixed_at is not None:
        return motion.eligible_count
    voted = Ballot.objects.filter(motion=motion).values_list("voter_id", flat=True)
    electors, fixed = electorate_at_opening(motion.residence, also=voted)
    MotionElector.objects.bulk_create(MotionElector(motion=motion, resident_id=pk) for pk in electors)
    Motion.objects.filter(pk=motion.pk).update(**fixed)
    for field, value in fixed.items():
        setattr(motion, field, value)
    return motion.eligible_count
    today = home_today(motion.residence)
    living = set(residents_living_in(motion.residence, on=today).values_list("pk", flat=True))
    voted = set(Ballot.objects.filter(motion=motion).values_list("voter_id", flat=True))
    MotionElector.objects.bulk_create(MotionElector(motion=motion, resident_id=pk) for pk in sorted(living | voted))
    schedule = schedule_of(motion.residence)
    motion.eligible_count = len(living | voted)
    motion.quorum_needed = quorum_needed(schedule.quorum if schedule else Quorum.MAJORITY, motion.eligible_count)
    motion.electorate_fixed_at = timezone.now()
    Motion.objects.filter(pk=motion.pk).update(
        eligible_count=motion.eligible_count,
        quorum_needed=motion.quorum_needed,
        electorate_fixed_at=motion.electorate_fixed_at,
    )
    return motion.eligible_count


def _tell_the_house(motion: Motion) -> None:
    from django.urls import reverse

    from recovery.notifications.services import RecipientNotAMember, notify

    today = home_today(motion.residence)
    url = reverse("governance:motion", kwargs={"pk": motion.pk})
    for resident in residents_living_in(motion.residence, on=today).exclude(user=None).select_related("user"):
        try:
            notify(
                recipient=resident.user,
                kind="governance.vote_open",
                title="A house vote is open",
                body="Your house has a motion to vote on. Open Hearth to read it and vote.",
                url=url,
            )
        except RecipientNotAMember:
            continue


def cast_vote(*, motion: Motion, resident, choice: str) -> Ballot:
    """One vote, once, by a member of the motion's electorate (fixed when voting opened) who still lives in the
    home today. Someone who moved in after voting opened cannot vote on it; someone who moved out can no longer
    vote, but a ballot they cast stands. Raises MeetingProblem with a message a person can act on.

    Secret ballot: the Ballot row says only that this resident voted; the choice moves the motion's tally, and
    the one update names all three counters (yes, no, abstain), so neither a row nor an audit event can tell
    which counter moved. Open vote: the Ballot also keeps the choice, which the house may read.
    """
    if choice not in VoteChoice.values:
        raise MeetingProblem("Choose yes, no or abstain.")
    if resident is None:
        raise MeetingProblem("Only residents of this house can vote.")
    with transaction.atomic():
        locked = (
            Motion.objects.select_for_update(of=("self",)).select_related("residence__organization").get(pk=motion.pk)
        )
        if not locked.is_open:
            raise MeetingProblem("This vote is closed.")
        today = home_today(locked.residence)
        if not residents_living_in(locked.residence, on=today).filter(pk=resident.pk).exists():
            raise MeetingProblem("Only people living in this house now can vote on its motions.")
        fix_electorate(motion=locked)
        if Ballot.objects.filter(motion=locked, voter=resident).exists():
            raise MeetingProblem("You have already voted on this motion. Each resident votes once.")
        if not MotionElector.objects.filter(motion=locked, resident=resident).exists():
            raise MeetingProblem(
                "This vote opened before you moved in: only the residents living here then can vote on it."
            )
        try:
            with transaction.atomic():
                ballot = Ballot.objects.create(motion=locked, voter=resident, choice="" if locked.secret else choice)
        except IntegrityError:
            raise MeetingProblem("You have already voted on this motion. Each resident votes once.") from None
        Motion.objects.filter(pk=locked.pk).update(
            yes_count=F("yes_count") + int(choice == VoteChoice.YES),
            no_count=F("no_count") + int(choice == VoteChoice.NO),
            abstain_count=F("abstain_count") + int(choice == VoteChoice.ABSTAIN),
        )
    return ballot


def close_motion(*, motion: Motion, by, now: datetime | None = None) -> Motion:
    """Close the vote, work out the result, and write it in the decisions log.

    Quorum is measured against the electorate fixed when voting opened (`fix_electorate`), whoever has moved in or
    out since; it counts everyone who voted, abstentions included. A motion passes with a quorum and more yes than
    no votes. Raises MeetingProblem when the vote is already closed."""
    with transaction.atomic():
        motion = (
            Motion.objects.select_for_update(of=("self",))
            .select_related("residence__organization", "meeting")
            .get(pk=motion.pk)
        )
        if not motion.is_open:
            raise MeetingProblem("This vote is already closed.")
        now = now or timezone.now()
        today = home_today(motion.residence)
        fix_electorate(motion=motion)
        if motion.votes_cast < motion.quorum_needed:
            motion.result = MotionResult.NO_QUORUM
        elif motion.yes_count > motion.no_count:
            motion.result = MotionResult.PASSED
        else:
            motion.result = MotionResult.FAILED
        motion.closed_at, motion.closed_by = now, by
        motion.save()
        tally = f"{motion.yes_count} yes, {motion.no_count} no, {motion.abstain_count} abstaining"
        if motion.result == MotionResult.NO_QUORUM:
            summary = f"No quorum on “{motion.title}” ({motion.votes_cast} of {motion.quorum_needed} needed voted)."
        else:
            summary = f"{motion.get_result_display()}: “{motion.title}” ({tally})."
        HouseDecision.objects.create(
            residence=motion.residence,
            meeting=motion.meeting,
            motion=motion,
            summary=summary[:400],
            decided_on=motion.meeting.held_on if motion.meeting else today,
            recorded_by=by,
        )
    return motion
