"""Who may do what in peer support (check-ins, mentoring, meetings, signals).

Staff who look after a resident (admin, staff, their house manager, and a coach who mentors them — see
residents.profiles.rules.looks_after_resident) see their check-ins, signals and meetings. A senior resident or alumnus
who mentors sees only their mentees' check-ins marked "share with my mentor" and the mentorship log — never the
plan or case notes. A resident sees their own.
"""

import rules

from recovery.models import Role
from recovery.rules import has_role

# A home's screens and settings (object: the residence).
from residences.homes.rules import looks_after_residence
from residents.profiles.rules import looks_after_resident

rules.add_perm("peer_support.view_signals", looks_after_resident)


rules.add_perm("peer_support.acknowledge_signal", looks_after_resident)


rules.add_perm("peer_support.change_signal_settings", looks_after_residence & has_role(Role.ADMIN, Role.HOUSE_MANAGER))
