"""Who may see and change a resident's safety plan."""

import rules

from residents.profiles.rules import is_the_resident, looks_after_resident

# Phases. A home's phases are set by the staff who run it; a resident asks to advance, staff decide (in a peer-run
# home the house may vote; staff record the decision). Celebrations are for the house: staff and residents.


rules.add_perm("residents.view_safety_plan", looks_after_resident | is_the_resident)


rules.add_perm("residents.change_safety_plan", looks_after_resident | is_the_resident)
