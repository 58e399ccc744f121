"""Who may invite a resident, and link, relink or revoke their sign-in: the staff who look after them (admins,
staff, the house manager of their home). A coach looks after mentees but does not hand out sign-ins."""

import rules

from residents.profiles.rules import is_resident_staff, looks_after_resident

rules.add_perm("residents.manage_sign_in", looks_after_resident & is_resident_staff)
