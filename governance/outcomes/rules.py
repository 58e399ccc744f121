"""Who may read outcomes: the organization's admins and staff for every home, a house manager for the homes they
look after (the page over "my homes" shows theirs alone; another home's page is refused)."""

import rules

from governance.incidents.rules import is_home_staff
from residences.homes.rules import looks_after_residence

rules.add_perm("governance.view_outcomes", is_home_staff)


rules.add_perm("governance.view_home_outcomes", looks_after_residence)
