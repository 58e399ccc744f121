"""Demo house meetings for every home with house democracy and people living in it: a weekly slot, two past
meetings with agenda, attendance, minutes (the first approved at the second) and a decided vote, the next four
meetings, officers (one due for rotation), an open secret ballot and an election taking nominations.
Safe to run again: a home that already has a meeting schedule is left as it is."""

from datetime import time, timedelta

from governance.house_meetings import services
from governance.house_meetings.models import AgendaItem, AttendanceStatus, HouseMeeting, MeetingSchedule, VoteChoice
from governance.officers import services as elections
from governance.officers.models import Office, OfficerTerm
from recovery.registry import demo_seeder
from recovery.tenancy import organization_today
from residences.homes.selectors import residents_living_in
from residences.models import Residence

MINUTES = (
    "Chaired by the house lead. Everyone shared how the week went and one goal for the next.\n"
    "Chores: the kitchen rota moves on one place. Reminder that the porch light needs fixing.\n"
    "Decided: quiet hours from 10 pm on weeknights (see the vote)."
)


@demo_seeder(order=40)
def seed(organization) -> None:
    today = organization_today(organization)
    for residence in Residence.objects.filter(democracy_features=True).order_by("pk"):
        residents = list(residents_living_in(residence, on=today).order_by("pk"))
        if len(residents) < 2 or MeetingSchedule.objects.filter(residence=residence).exists():
            continue
        _seed_home(residence, residents, today=today)


def _seed_home(residence, residents, *, today) -> None:
    services.set_schedule(residence=residence, weekday=6, starts_at=time(19, 0), place="Living room")
    first, second = (
        HouseMeeting.objects.create(
            residence=residence, held_on=today - timedelta(days=days), starts_at=time(19, 0), place="Living room"
        )
        for days in (14, 7)
    )
    for meeting in (first, second):
        AgendaItem.objects.create(meeting=meeting, title="How is everyone doing? One goal for the week")
        there = list(residents_living_in(residence, on=meeting.held_on).order_by("pk"))
        marks = {resident: (AttendanceStatus.PRESENT, "") for resident in there}
        if there:
            marks[there[-1]] = (AttendanceStatus.EXCUSED, "At work")
        services.record_attendance(meeting=meeting, marks=marks, by=None)
        services.save_minutes(meeting=meeting, minutes=MINUTES, by=None)
    services.approve_minutes(minutes_of=first, at_meeting=second, by=None)

    quiet_hours = services.open_motion(
        residence=residence, meeting=second, by=None, title="Quiet hours from 10 pm on weeknights"
    )
    for index, resident in enumerate(residents):
        choice = VoteChoice.NO if index == 2 else VoteChoice.YES
        services.cast_vote(motion=quiet_hours, resident=resident, choice=choice)
    services.close_motion(motion=quiet_hours, by=None)

    upcoming = services.schedule_meetings(residence=residence, today=today + timedelta(days=1))
    if upcoming:
        AgendaItem.objects.create(
            meeting=upcoming[0], title="Fixing the porch light", details="Who can pick up a bulb this week?"
        )
        cat = services.open_motion(
            residence=residence,
            meeting=upcoming[0],
            by=None,
            secret=True,
            title="Adopt a house cat",
            details="A friend of the house is rehoming a calm older cat.",
        )
        services.cast_vote(motion=cat, resident=residents[-1], choice=VoteChoice.YES)

    if not OfficerTerm.objects.filter(residence=residence).exists():
        # The house lead has served since moving in (residents hold offices only while they live there).
        since = residents[0].stays.order_by("move_in").first().move_in
        OfficerTerm.objects.create(
            residence=residence, office=Office.HOUSE_LEAD, resident=residents[0], starts_on=since
        )
        OfficerTerm.objects.create(
            residence=residence, office=Office.SECRETARY, resident=residents[1], starts_on=today - timedelta(days=10)
        )
    election = elections.open_election(residence=residence, office=Office.TREASURER)
    elections.nominate(election=election, candidate=residents[-1], nominated_by=residents[0])
