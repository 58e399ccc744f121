"""Who may set a home's phases, ask to advance, decide, and see celebrations and alumni."""

import rules

from recovery.models import Role
from recovery.rules import membership_of

# Phases. A home's phases are set by the staff who run it; a resident asks to advance, staff decide (in a peer-run
# home the house may vote; staff record the decision). Celebrations are for the house: staff and residents.
from residences.homes.rules import looks_after_residence
from residents.profiles.rules import is_resident_staff, is_the_resident, keeps_record_of, looks_after_resident


@rules.predicate
def lives_in_or_runs_a_home(user) -> bool:
    membership = membership_of(user)
    return membership is not None and membership.role in (Role.ADMIN, Role.STAFF, Role.HOUSE_MANAGER, Role.RESIDENT)


rules.add_perm("residents.manage_phases", looks_after_residence)


rules.add_perm("residents.view_phase", looks_after_resident | is_the_resident)


rules.add_perm("residents.decide_phase", keeps_record_of)


rules.add_perm("residents.ask_to_advance", is_the_resident)


rules.add_perm("residents.view_advance_requests", is_resident_staff)


rules.add_perm("residents.view_celebrations", lives_in_or_runs_a_home)


rules.add_perm("residents.view_alumni", is_resident_staff)
