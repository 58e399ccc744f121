"""Who may see and change a resident's safety plan."""

import rules

from residents.profiles.rules import is_the_resident, keeps_record_of, looks_after_resident

# Phases. A home's phases are set by the staff who run it; a resident asks to advance, staff decide (in a peer-run
# home the house may vote; staff record the decision). Celebrations are for the house: staff and residents.


# A mentee's coach reads the safety plan: it is written for the people around the resident in a crisis (who to
# call, where the naloxone is), and a peer mentor is often one of them. The plan is the resident's own words, so
# only they and the staff who keep the record change it.
rules.add_perm("residents.view_safety_plan", looks_after_resident | is_the_resident)


rules.add_perm("residents.change_safety_plan", keeps_record_of | is_the_resident)
