"""Who may read and write a recovery plan and case notes (object: the resident)."""

import rules

from residents.profiles.rules import (
    is_the_resident,
    keeps_record_of,
    looks_after_resident,
    may_keep_class,
    may_see_class,
)
from residents.sensitivity import class_of

# Phases. A home's phases are set by the staff who run it; a resident asks to advance, staff decide (in a peer-run
# home the house may vote; staff record the decision). Celebrations are for the house: staff and residents.


# Recovery plans and case notes (object: the resident). The resident reads their plan and adds progress; staff
# who keep the record write the plan; their coach reads the goals and comments. Case notes are counseling-type
# notes (residents.sensitivity): only roles that see the class read or write them, and the resident reads the
# ones shared with them (the selector).
COUNSELING_NOTES = class_of("residents.CaseNote")


CLINICAL_CONSIDERATIONS = class_of("residents.RecoveryPlan.clinical_considerations")


rules.add_perm("residents.view_plan", looks_after_resident | is_the_resident)


rules.add_perm("residents.change_plan", keeps_record_of)


rules.add_perm("residents.view_clinical_considerations", may_keep_class(CLINICAL_CONSIDERATIONS))


rules.add_perm("residents.add_progress", is_the_resident)


rules.add_perm("residents.comment_on_plan", looks_after_resident)


rules.add_perm("residents.view_case_notes", may_see_class(COUNSELING_NOTES))


rules.add_perm("residents.add_case_note", may_keep_class(COUNSELING_NOTES))


rules.add_perm("residents.complete_milestone", looks_after_resident | is_the_resident)
