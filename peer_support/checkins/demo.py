"""Demo peer support for every current stay: a coach and a senior resident mentoring, three weeks of check-ins
(two residents drifting: missed days and rising cravings; falling mood), outside meetings and mentor contacts.
Runs after the stays are seeded; safe to run again (an organization that has check-ins is left as it is)."""

from datetime import timedelta

from peer_support.checkins.models import CheckIn, Slept, TalkRequest
from peer_support.checkins.services import organization_today
from peer_support.mentorships.demo import seed_mentorships
from peer_support.outside_meetings.demo import seed_outside_meetings
from recovery.registry import demo_seeder
from recovery.tenancy import tenant_scope
from residences.models import BedAssignment

GOALS = [
    "Call my sponsor",
    "Finish the job application",
    "Walk after dinner",
    "Cook for the house",
    "Go to the 7 pm meeting",
    "Sort out my bus pass",
]


HELPERS = ["My sponsor", "Luis", "My roommate", "The house manager", "My mentor"]


@demo_seeder(order=31)
def seed(organization) -> None:
    with tenant_scope(organization):
        if CheckIn.objects.exists():
            return
        today = organization_today()
        beds = list(
            BedAssignment.objects.filter(stay__move_out__isnull=True, ends_on__isnull=True, stay__move_in__lte=today)
            .select_related("stay__resident", "bed__room__residence")
            .order_by("stay__resident__last_name", "pk")
        )
        if not beds:
            return
        # Within each home, in name order: the first is steady, the second drifting (missed days, cravings rising),
        # the third drifting (mood falling, asked to talk today); the rest steady. Newcomers are steady.
        by_home = {}
        for bed in beds:
            by_home.setdefault(bed.bed.room.residence_id, []).append(bed)
        ordered = []
        for home_beds in by_home.values():
            settled = [bed for bed in home_beds if bed.stay.move_in <= today - timedelta(days=10)]
            ordered += [(bed, index) for index, bed in enumerate(settled)]
            ordered += [(bed, -1) for bed in home_beds if bed not in settled]
        seed_mentorships([bed for bed, index in ordered if index >= 0], today=today)
        for bed, index in ordered:
            _seed_check_ins(bed, index=index, today=today)
            seed_outside_meetings(bed, index=index, today=today)


def _seed_check_ins(bed, *, index: int, today) -> None:
    stay, residence = bed.stay, bed.bed.room.residence
    drifting_missed = index == 1  # missed the last three days, cravings rising before that
    drifting_mood = index == 2  # still checks in, but feeling falls and cravings climb
    rows = []
    for back in range(21, -1, -1):
        day = today - timedelta(days=back)
        if day < stay.move_in:
            continue
        if back == 0 and index in (0, 1):
            continue  # the demo resident can check in today themselves; the drifting one has not
        if drifting_missed and back <= 3:
            continue
        if back % 9 == 4 and not (drifting_missed or drifting_mood):
            continue  # an ordinary missed day now and then
        feeling, craving = 4, 2
        if drifting_missed and back <= 10:
            craving = min(10, 2 + (10 - back))
            feeling = 3
        if drifting_mood and back <= 7:
            feeling = max(1, 4 - (7 - back) // 2)
            craving = min(10, 2 + (7 - back))
        rows.append(
            CheckIn(
                resident=stay.resident,
                residence=residence,
                day=day,
                feeling=feeling,
                craving=craving,
                slept=Slept.POOR if feeling <= 2 else Slept.OK,
                went_to_meeting=back % 3 == 0 and not drifting_mood,
                goal_today=GOALS[(back + index) % len(GOALS)],
                ask_for_help="" if drifting_mood else HELPERS[(back + index) % len(HELPERS)],
                share_with_house=not drifting_mood,
                needs_to_talk=drifting_mood and back == 0,
            )
        )
    CheckIn.objects.bulk_create(rows)
    for row in rows:  # asking to talk in a check-in opens a request someone answers, as `submit_check_in` does
        if row.needs_to_talk and row.day == today:
            TalkRequest.objects.get_or_create(
                resident=row.resident, answered_at__isnull=True, defaults={"residence": row.residence}
            )
