"""Who may see and manage medications (a sensitive class, residents.sensitivity)."""

import rules

from residents.profiles.rules import is_the_resident, looks_after_resident, sees_class

# Phases. A home's phases are set by the staff who run it; a resident asks to advance, staff decide (in a peer-run
# home the house may vote; staff record the decision). Celebrations are for the house: staff and residents.


rules.add_perm("residents.view_medications", (looks_after_resident & sees_class("medication")) | is_the_resident)


rules.add_perm("residents.manage_medications", looks_after_resident & sees_class("medication"))
