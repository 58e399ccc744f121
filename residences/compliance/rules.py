"""Who may see and change a home's compliance checklist and download its certification packet."""

import rules

from residences.homes.rules import looks_after_residence

# House rules, house operations and compliance. Staff who look after a home run it; residents read (and sign)
# the rules of the house they live in. The predicate lives with the read it needs.


rules.add_perm("residences.view_compliance", looks_after_residence)


rules.add_perm("residences.change_compliance", looks_after_residence)


rules.add_perm("residences.download_certification_packet", looks_after_residence)
