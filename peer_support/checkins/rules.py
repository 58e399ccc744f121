"""Who may do what in peer support (check-ins, mentoring, meetings, signals).

Staff who keep a resident's record (admin, staff, their house manager) see their check-ins, signals and meetings.
A mentor — a coach, or a senior resident or alumnus — sees only their mentees' check-ins marked "share with my
mentor" and the mentorship log, never the signals (read from every check-in), case notes or other sensitive classes.
A resident sees their own.
"""

import rules

from peer_support.mentorships.rules import mentors_as_resident
from recovery.models import Role
from recovery.rules import has_role
from residences.homes.rules import is_house_staff

# A home's screens and settings (object: the residence).
from residents.profiles.rules import is_the_resident, looks_after_resident

# The resident's own check-in page, and their meetings.
rules.add_perm("peer_support.check_in", has_role(Role.RESIDENT))


# Reading one resident's check-ins: staff who look after them and the resident; a resident mentor only the shared
# ones (the selector filters). Signals are for staff who look after them.
rules.add_perm("peer_support.view_check_ins", looks_after_resident | is_the_resident | mentors_as_resident)


# Answering "I need to talk" (object: the resident): whoever looks after them, a resident mentor included.
rules.add_perm("peer_support.answer_talk_request", looks_after_resident | mentors_as_resident)


# The check-ins list of the homes (every resident's check-ins, filtered by `selectors.check_ins_for`): the people who
# keep the homes, never a coach or a resident.
rules.add_perm("peer_support.view_check_in_list", is_house_staff)
