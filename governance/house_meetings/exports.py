"""A home's decisions log export and its meetings export (recovery.exports): the rows of `selectors.decisions_of`
and of `selectors.meetings_of`, as the pages list them."""

from recovery.exports import Column, declare

DECISIONS = declare(
    "decisions",
    route="governance:decisions",
    columns=[
        Column("Decided on", lambda d: d.decided_on),
        Column("Decision", lambda d: d.summary),
        Column("At a meeting", lambda d: d.meeting_id is not None),
        Column("By a vote", lambda d: d.motion_id is not None),
    ],
)


def _minutes_status(meeting) -> str:
    if meeting.minutes_approved_at:
        return "Approved"
    return "Waiting for approval" if meeting.minutes else "None yet"


MEETINGS = declare(
    "house-meetings",
    route="governance:residence_meetings",
    columns=[
        Column("Held on", lambda m: m.held_on),
        Column("Starts at", lambda m: f"{m.starts_at:%H:%M}"),
        Column("Place", lambda m: m.place),
        Column("Cancelled", lambda m: m.cancelled),
        Column("Residents present", lambda m: m.present),
        Column("Decisions", lambda m: m.decision_count),
        Column("Minutes", _minutes_status),
        Column("Minutes text", lambda m: m.minutes),
    ],
)
