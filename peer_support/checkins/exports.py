"""A resident's check-ins export (recovery.exports): the rows of `today.selectors.check_ins_of` without its limit,
as the resident's check-ins page lists them, for the people who keep the record; and the homes' check-ins list,
the rows of `selectors.check_ins_for`."""

from recovery.exports import Column, declare

CHECK_INS = declare(
    "check-ins",
    route="peer_support:resident_check_ins",
    columns=[
        Column("Day", lambda c: c.day),
        Column("Feeling (1 to 5)", lambda c: c.feeling),
        Column("Craving (0 to 10)", lambda c: c.craving),
        Column("Slept", lambda c: c.get_slept_display()),
        Column("Hours slept", lambda c: c.slept_hours),
        Column("Went to a meeting", lambda c: c.went_to_meeting),
        Column("Goal today", lambda c: c.goal_today),
        Column("Who I will ask for help", lambda c: c.ask_for_help),
        Column("Needs to talk", lambda c: c.needs_to_talk),
        Column("S.E.L.F.", lambda c: c.get_self_tag_display()),
    ],
)

HOME_CHECK_INS = declare(
    "home-check-ins",
    route="peer_support:check_in_list",
    columns=[
        Column("Resident", lambda c: c.resident.display_name),
        Column("Home", lambda c: c.residence.name if c.residence else ""),
        *CHECK_INS.columns,
    ],
)
