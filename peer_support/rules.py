"""Who may do what in peer support (check-ins, mentoring, meetings, signals).

Staff who look after a resident (admin, staff, their house manager, and a coach who mentors them — see
residents.profiles.rules.looks_after_resident) see their check-ins, signals and meetings. A senior resident or alumnus
who mentors sees only their mentees' check-ins marked "share with my mentor" and the mentorship log — never the
plan or case notes. A resident sees their own.
"""

import rules

from recovery.models import Role
from recovery.rules import has_role, membership_of
from residents.profiles.rules import is_the_resident, looks_after_resident


def resident_mentor_of(user, resident) -> bool:
    """The signed-in resident (or alumnus) mentors `resident` now."""
    membership = membership_of(user)
    if membership is None or resident is None or resident.organization_id != membership.organization_id:
        return False
    from peer_support.mentorships.models import Mentorship

    return Mentorship.objects.filter(mentee=resident, ended_on__isnull=True, mentor__resident__user_id=user.pk).exists()


@rules.predicate
def mentors_as_resident(user, resident) -> bool:
    return resident_mentor_of(user, resident)


@rules.predicate
def is_in_the_mentorship(user, mentorship) -> bool:
    """The mentor (coach or resident) or the mentee of this mentorship."""
    membership = membership_of(user)
    if membership is None or mentorship is None or mentorship.organization_id != membership.organization_id:
        return False
    mentor = mentorship.mentor
    if mentor.membership_id is not None and mentor.membership.user_id == user.pk:
        return True
    if mentor.resident_id is not None and mentor.resident.user_id == user.pk:
        return True
    return mentorship.mentee.user_id == user.pk


@rules.predicate
def manages_mentee(user, mentorship) -> bool:
    return mentorship is not None and is_house_staff(user) and looks_after_resident(user, mentorship.mentee)


is_house_staff = has_role(Role.ADMIN, Role.STAFF, Role.HOUSE_MANAGER)
is_people_watcher = has_role(Role.ADMIN, Role.STAFF, Role.HOUSE_MANAGER, Role.COACH)

# The resident's own check-in page, and their meetings.
rules.add_perm("peer_support.check_in", has_role(Role.RESIDENT))
rules.add_perm("peer_support.log_own_meetings", has_role(Role.RESIDENT))
# Reading one resident's check-ins: staff who look after them and the resident; a resident mentor only the shared
# ones (the selector filters). Signals are for staff who look after them.
rules.add_perm("peer_support.view_check_ins", looks_after_resident | is_the_resident | mentors_as_resident)
rules.add_perm("peer_support.view_signals", looks_after_resident)
rules.add_perm("peer_support.acknowledge_signal", looks_after_resident)
rules.add_perm("peer_support.view_meetings", looks_after_resident | is_the_resident)
rules.add_perm("peer_support.verify_meeting", is_house_staff & looks_after_resident)
# "My people": coaches and house staff; resident mentors see their mentees there too (shared answers only).
rules.add_perm("peer_support.view_my_people", is_people_watcher | has_role(Role.RESIDENT))
# Mentorships: the house manager (or admin, staff) who looks after the newcomer decides.
rules.add_perm("peer_support.manage_mentorships", is_house_staff)
rules.add_perm("peer_support.pair_mentee", is_house_staff & looks_after_resident)
rules.add_perm("peer_support.view_mentorship", manages_mentee | is_in_the_mentorship)
rules.add_perm("peer_support.end_mentorship", manages_mentee)
rules.add_perm("peer_support.log_mentor_contact", manages_mentee | is_in_the_mentorship)

# A home's screens and settings (object: the residence).
from residences.homes.rules import looks_after_residence  # noqa: E402
from residences.homes.selectors import lives_in_residence  # noqa: E402

rules.add_perm("peer_support.view_community_screen", looks_after_residence | lives_in_residence)
rules.add_perm("peer_support.change_signal_settings", looks_after_residence & has_role(Role.ADMIN, Role.HOUSE_MANAGER))
