"""Who may do what in peer support (check-ins, mentoring, meetings, signals).

Staff who look after a resident (admin, staff, their house manager, and a coach who mentors them — see
residents.profiles.rules.looks_after_resident) see their check-ins, signals and meetings. A senior resident or alumnus
who mentors sees only their mentees' check-ins marked "share with my mentor" and the mentorship log — never the
plan or case notes. A resident sees their own.
"""

import rules

from recovery.rules import membership_of
from residences.homes.rules import is_house_staff
from residents.profiles.rules import looks_after_resident

# A home's screens and settings (object: the residence).


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


# Mentorships: the house manager (or admin, staff) who looks after the newcomer decides.
rules.add_perm("peer_support.manage_mentorships", is_house_staff)


rules.add_perm("peer_support.pair_mentee", is_house_staff & looks_after_resident)


rules.add_perm("peer_support.view_mentorship", manages_mentee | is_in_the_mentorship)


rules.add_perm("peer_support.end_mentorship", manages_mentee)


rules.add_perm("peer_support.log_mentor_contact", manages_mentee | is_in_the_mentorship)
