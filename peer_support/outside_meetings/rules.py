"""Who may do what in peer support (check-ins, mentoring, meetings, signals).

Staff who look after a resident (admin, staff, their house manager, and a coach who mentors them — see
residents.profiles.rules.looks_after_resident) see their check-ins, signals and meetings. A senior resident or alumnus
who mentors sees only their mentees' check-ins marked "share with my mentor" and the mentorship log — never the
plan or case notes. A resident sees their own.
"""

import rules

from recovery.models import Role
from recovery.rules import has_role
from residences.homes.rules import is_house_staff
from residents.profiles.rules import is_the_resident, looks_after_resident

# A home's screens and settings (object: the residence).


rules.add_perm("peer_support.log_own_meetings", has_role(Role.RESIDENT))


rules.add_perm("peer_support.view_meetings", looks_after_resident | is_the_resident)


rules.add_perm("peer_support.verify_meeting", is_house_staff & looks_after_resident)
