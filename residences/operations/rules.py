"""Who may run a home's operations: house checks, maintenance, inspections, good-neighbor records."""

import rules

from residences.homes.rules import looks_after_residence

# House rules, house operations and compliance. Staff who look after a home run it; residents read (and sign)
# the rules of the house they live in. The predicate lives with the read it needs.


rules.add_perm("residences.run_house_operations", looks_after_residence)
