"""Who may do what with give-and-receive, workshops, community partners and events, and announcements.

Residents act for themselves and see what is shared with their house; staff work with what they look after
(an admin or staff member: the whole organization; a house manager: their homes). Governance extends
`peer_support.post_announcement` with house officers (rules.set_perm), since nothing here imports governance.
"""

import rules

from peer_support.community.rules import looks_after_home_or_all, shared_with_my_house
from recovery.models import Role
from recovery.rules import is_member, membership_in_organization_of, membership_of


@rules.predicate
def may_post_for(user, residence=None) -> bool:
    """Admin and staff: any home or all homes; a house manager: a home assigned to them."""
    membership = membership_of(user)
    if membership is None:
        return False
    if residence is None:
        # Without a home: may this person post anywhere at all (shows the form); all homes need admin or staff.
        return membership.role in (Role.ADMIN, Role.STAFF, Role.HOUSE_MANAGER)
    if residence.organization_id != membership.organization_id:
        return False
    return looks_after_home_or_all(membership, residence.pk)


@rules.predicate
def may_read_announcement(user, announcement) -> bool:
    membership = membership_in_organization_of(user, announcement)
    if membership is None:
        return False
    if membership.role == Role.RESIDENT:
        return shared_with_my_house(membership, announcement.residence_id)
    if membership.role in (Role.ADMIN, Role.STAFF, Role.HOUSE_MANAGER):
        return announcement.residence_id is None or looks_after_home_or_all(membership, announcement.residence_id)
    return announcement.residence_id is None


rules.add_perm("peer_support.view_announcements", is_member)


rules.add_perm("peer_support.post_announcement", may_post_for)


rules.add_perm("peer_support.view_announcement", may_read_announcement)
