"""Demo peer support for every current stay: a coach and a senior resident mentoring, three weeks of check-ins
(two residents drifting: missed days and rising cravings; falling mood), outside meetings and mentor contacts.
Runs after the stays are seeded; safe to run again (an organization that has check-ins is left as it is)."""

from datetime import timedelta

from peer_support.outside_meetings.models import MeetingKind, OutsideMeeting

MEETINGS = [
    ("Tuesday Night Big Book", MeetingKind.TWELVE_STEP, "St. Mark's hall"),
    ("SMART Tools", MeetingKind.SMART, "Library room B"),
    ("Early Risers NA", MeetingKind.TWELVE_STEP, "Community center"),
]


def seed_outside_meetings(bed, *, index: int, today) -> None:
    stay = bed.stay
    quiet_since = 10 if index in (1, 2) else 0  # the drifting ones have stopped going
    rows = []
    for back in range(quiet_since, 21):
        day = today - timedelta(days=back)
        if day < stay.move_in or back % 2:
            continue
        name, kind, place = MEETINGS[(back // 2 + index) % len(MEETINGS)]
        rows.append(OutsideMeeting(resident=stay.resident, attended_on=day, name=name, kind=kind, place=place))
    OutsideMeeting.objects.bulk_create(rows)
