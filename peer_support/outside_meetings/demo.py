"""Demo outside meetings for one resident: a few weeks of meetings in the pattern of their place in the
demo (steady or drifting). Called by the peer-support demo (peer_support.checkins.demo)."""

from datetime import timedelta

from peer_support.outside_meetings.models import MeetingKind, OutsideMeeting

MEETINGS = [
    ("Tuesday Night Big Book", MeetingKind.TWELVE_STEP, "St. Mark's hall"),
    ("SMART Tools", MeetingKind.SMART, "Library room B"),
    ("Early Risers NA", MeetingKind.TWELVE_STEP, "Community center"),
]


def seed_outside_meetings(bed, *, index: int, today) -> None:
    """Three weeks of outside meetings for the resident in `bed` (every other day; `index` 1 and 2 are the
    drifting residents, who stopped ten days ago)."""
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
