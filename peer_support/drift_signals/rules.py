"""Who may do what in peer support (check-ins, mentoring, meetings, signals).

Staff who keep a resident's record (admin, staff, their house manager) see their check-ins, signals and meetings.
A mentor — a coach, or a senior resident or alumnus — sees only their mentees' check-ins marked "share with my
mentor" and the mentorship log, never the signals (read from every check-in), case notes or other sensitive classes.
A resident sees their own.
"""

import rules

from recovery.models import Role
from recovery.rules import has_role

# A home's screens and settings (object: the residence).
from residences.homes.rules import looks_after_residence
from residents.profiles.rules import keeps_record_of

# Signals are read from every check-in, shared or not: for the staff who keep the record, not a mentee's coach.
rules.add_perm("peer_support.view_signals", keeps_record_of)


rules.add_perm("peer_support.acknowledge_signal", keeps_record_of)


rules.add_perm("peer_support.change_signal_settings", looks_after_residence & has_role(Role.ADMIN, Role.HOUSE_MANAGER))
