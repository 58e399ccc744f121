"""Who may see and manage medications (a sensitive class, residents.sensitivity)."""

import rules

from residents.profiles.rules import may_keep_class, may_see_class
from residents.sensitivity import class_of

# Phases. A home's phases are set by the staff who run it; a resident asks to advance, staff decide (in a peer-run
# home the house may vote; staff record the decision). Celebrations are for the house: staff and residents.


MEDICATION = class_of("residents.Medication")


rules.add_perm("residents.view_medications", may_see_class(MEDICATION))


rules.add_perm("residents.manage_medications", may_keep_class(MEDICATION))
