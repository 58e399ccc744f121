"""A home's decisions log export (recovery.exports): the rows of `selectors.decisions_of`, as the page lists them."""

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
