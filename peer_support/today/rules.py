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
from residences.homes.selectors import lives_in_residence

is_people_watcher = has_role(Role.ADMIN, Role.STAFF, Role.HOUSE_MANAGER, Role.COACH)


# "My people": coaches and house staff; resident mentors see their mentees there too (shared answers only).
rules.add_perm("peer_support.view_my_people", is_people_watcher | has_role(Role.RESIDENT))


rules.add_perm("peer_support.view_community_screen", looks_after_residence | lives_in_residence)
