"""Who may read, publish and acknowledge a home's house rules."""

import rules

from residences.homes.rules import looks_after_residence

# House rules, house operations and compliance. Staff who look after a home run it; residents read (and sign)
# the rules of the house they live in. The predicate lives with the read it needs.
from residences.homes.selectors import lives_in_residence

rules.add_perm("residences.view_house_rules", looks_after_residence | lives_in_residence)


rules.add_perm("residences.publish_house_rules", looks_after_residence)


rules.add_perm("residences.acknowledge_house_rules", lives_in_residence)
