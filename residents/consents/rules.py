"""Who may see, draft, sign and revoke Part 2 consents, and disclose under them.

Signing is the resident's own act: only the resident signs on their account. Staff who manage consents record a
signature the resident gave in front of them (an in-person signature), which names them as the witness."""

import rules

from recovery.models import Role
from recovery.rules import has_role
from residents.profiles.rules import is_the_resident, keeps_record_of, looks_after_resident

# Phases. A home's phases are set by the staff who run it; a resident asks to advance, staff decide (in a peer-run
# home the house may vote; staff record the decision). Celebrations are for the house: staff and residents.


is_consent_manager = has_role(Role.ADMIN, Role.STAFF)


# Consents name who reports go to (a probation officer): the people who keep the record, never a mentee's coach.
rules.add_perm("residents.view_consents", keeps_record_of)


rules.add_perm("residents.manage_consents", looks_after_resident & is_consent_manager)


rules.add_perm("residents.disclose", looks_after_resident & is_consent_manager)


rules.add_perm("residents.revoke_consent", (looks_after_resident & is_consent_manager) | is_the_resident)


rules.add_perm("residents.view_own_consents", has_role(Role.RESIDENT))


rules.add_perm("residents.read_consent", keeps_record_of | is_the_resident)


rules.add_perm("residents.sign_consent", is_the_resident)


rules.add_perm("residents.record_in_person_signature", looks_after_resident & is_consent_manager)


rules.add_perm("residents.view_consent_signature", (looks_after_resident & is_consent_manager) | is_the_resident)
