"""Who may do what with give-and-receive, workshops, community partners and events, and announcements.

Residents act for themselves and see what is shared with their house; staff work with what they look after
(an admin or staff member: the whole organization; a house manager: their homes). Governance extends
`peer_support.post_announcement` with house officers (rules.set_perm), since nothing here imports governance.
"""

import rules

from peer_support.community.rules import looks_after_home_or_all, shared_with_my_house
from recovery.rules import is_member, membership_in_organization_of, same_organization
from residences.homes.rules import is_house_staff


@rules.predicate
def runs_session(user, session) -> bool:
    membership = membership_in_organization_of(user, session)
    return membership is not None and looks_after_home_or_all(membership, session.residence_id)


@rules.predicate
def facilitates_session(user, session) -> bool:
    if not same_organization(user, session):
        return False
    if session.facilitator_user_id == user.pk:
        return True
    return session.facilitator_resident_id is not None and session.facilitator_resident.user_id == user.pk


@rules.predicate
def session_is_for_my_house(user, session) -> bool:
    membership = membership_in_organization_of(user, session)
    return membership is not None and shared_with_my_house(membership, session.residence_id)


@rules.predicate
def session_is_for_all_homes(user, session) -> bool:
    return same_organization(user, session) and session.residence_id is None


rules.add_perm("peer_support.view_workshops", is_member)


rules.add_perm("peer_support.manage_workshops", is_house_staff)


rules.add_perm(
    "peer_support.view_session",
    runs_session | facilitates_session | session_is_for_my_house | session_is_for_all_homes,
)


rules.add_perm("peer_support.rsvp_session", session_is_for_my_house)


rules.add_perm("peer_support.take_attendance", runs_session | facilitates_session)


rules.add_perm("peer_support.write_session_notes", runs_session | facilitates_session)
