"""The stays list's export (recovery.exports): the rows of `selectors.stay_rows`, as the page lists them."""

from recovery.exports import Column, declare

STAYS = declare(
    "stays",
    route="residences:stay_list",
    columns=[
        Column("Resident", lambda s: s.resident.display_name),
        Column("Home", lambda s: s.home_name or ""),
        Column("Moved in", lambda s: s.move_in),
        Column("Expected move-out", lambda s: s.expected_move_out),
        Column("Moved out", lambda s: s.move_out),
        Column("Why they left", lambda s: s.get_discharge_reason_display()),
        Column("Where they went", lambda s: s.destination),
    ],
)
