"""Who may read and write a recovery plan and case notes (object: the resident)."""

import rules

from residents.profiles.rules import is_the_resident, looks_after_resident

# Phases. A home's phases are set by the staff who run it; a resident asks to advance, staff decide (in a peer-run
# home the house may vote; staff record the decision). Celebrations are for the house: staff and residents.


# Recovery plans and case notes (object: the resident). The resident reads their plan and adds progress; staff
# who look after them write the plan, comment and keep case notes (which notes the resident sees: the selector).
rules.add_perm("residents.view_plan", looks_after_resident | is_the_resident)


rules.add_perm("residents.change_plan", looks_after_resident)


rules.add_perm("residents.add_progress", is_the_resident)


rules.add_perm("residents.comment_on_plan", looks_after_resident)


rules.add_perm("residents.view_case_notes", looks_after_resident | is_the_resident)


rules.add_perm("residents.add_case_note", looks_after_resident)


rules.add_perm("residents.complete_milestone", looks_after_resident | is_the_resident)
