"""Who may see and conduct progress reviews (object: the resident)."""

import rules

from residents.profiles.rules import is_resident_staff, is_the_resident, keeps_record_of

# Phases. A home's phases are set by the staff who run it; a resident asks to advance, staff decide (in a peer-run
# home the house may vote; staff record the decision). Celebrations are for the house: staff and residents.


# Progress reviews, BARC-10, safety plans (objects: the resident); self-care plans belong to each member.
# Assessments and medication are sensitive classes: staff see them only where their role does by default.
# A progress review is the program's signed record of the stay: the resident and the people who keep the record.
rules.add_perm("residents.view_progress_reviews", keeps_record_of | is_the_resident)


rules.add_perm("residents.conduct_progress_review", keeps_record_of)


rules.add_perm("residents.list_progress_reviews", is_resident_staff)


rules.add_perm("residents.reflect_on_review", is_the_resident)
