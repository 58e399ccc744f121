"""The residents list's export (recovery.exports): the rows of `selectors.resident_rows`, as the page lists them."""

from recovery.exports import Column, declare

RESIDENTS = declare(
    "residents",
    route="residents:resident_list",
    columns=[
        Column("Name", lambda r: r.display_name),
        Column("Pronouns", lambda r: r.pronouns),
        Column("House", lambda r: r.home_name or "Not housed now"),
        Column("Phase", lambda r: r.phase_name),
        Column("Open plan", lambda r: r.has_open_plan),
        Column("Milestone overdue", lambda r: r.has_overdue_milestone),
        Column("Review overdue", lambda r: r.has_overdue_review),
    ],
)
