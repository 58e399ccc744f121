"""Who may do what in accountability: incidents, the consequence ladder, tests, grievances and mediations.

The people who look after a home (admins, staff, its house managers) run it; a resident reads their home's ladder
and their own record, adds their side and appeals; elected officers (house lead, expediter) may note a violation
and hold a mediation in their home. A grievance about the house manager is for the admins alone. Test results are
a sensitive class: the role must see it by default (residents.sensitivity) on top of the rule on the record.
"""

import rules

from governance.incidents.rules import is_home_staff
from recovery.models import Role
from recovery.rules import has_role

rules.add_perm("governance.view_my_accountability", has_role(Role.RESIDENT))


rules.add_perm("governance.view_accountability", is_home_staff)
