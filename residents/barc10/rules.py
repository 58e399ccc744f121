"""Who may see and record a BARC-10 (an assessment: a sensitive class, residents.sensitivity)."""

import rules

from residents.profiles.rules import is_the_resident, looks_after_resident, sees_class

# Phases. A home's phases are set by the staff who run it; a resident asks to advance, staff decide (in a peer-run
# home the house may vote; staff record the decision). Celebrations are for the house: staff and residents.


rules.add_perm("residents.view_barc10", (looks_after_resident & sees_class("assessments")) | is_the_resident)


rules.add_perm("residents.record_barc10", (looks_after_resident & sees_class("assessments")) | is_the_resident)
