"""Who may see and record a BARC-10 (an assessment: a sensitive class, residents.sensitivity)."""

import rules

from residents.profiles.rules import is_the_resident, may_keep_class, may_see_class
from residents.sensitivity import class_of

# Phases. A home's phases are set by the staff who run it; a resident asks to advance, staff decide (in a peer-run
# home the house may vote; staff record the decision). Celebrations are for the house: staff and residents.


ASSESSMENTS = class_of("residents.Barc10Assessment")


rules.add_perm("residents.view_barc10", may_see_class(ASSESSMENTS))


# The BARC-10 is a self-assessment: the resident fills it in themselves too.
rules.add_perm("residents.record_barc10", may_keep_class(ASSESSMENTS) | is_the_resident)
