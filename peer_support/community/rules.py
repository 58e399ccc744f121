"""Who may do what with give-and-receive, workshops, community partners and events, and announcements.

Residents act for themselves and see what is shared with their house; staff work with what they look after
(an admin or staff member: the whole organization; a house manager: their homes). Governance extends
`peer_support.post_announcement` with house officers (rules.set_perm), since nothing here imports governance.
"""

import rules

from recovery.models import Role
from recovery.rules import has_role, is_member, is_resident, same_organization
from residences.homes.rules import is_house_staff
from residences.homes.selectors import assigned_residence_ids, home_residence_id
from residents.profiles.rules import looks_after_resident

is_org_staff = has_role(Role.ADMIN, Role.STAFF)


def looks_after_home_or_all(membership, residence_id) -> bool:
    """Admin and staff: every home and "all homes"; a house manager: only a home assigned to them."""
    if membership.role in (Role.ADMIN, Role.STAFF):
        return True
    return (
        membership.role == Role.HOUSE_MANAGER
        and residence_id is not None
        and residence_id in assigned_residence_ids(membership)
    )


def shared_with_my_house(membership, residence_id) -> bool:
    """A resident sees what is for all homes and what is for the home they live in today."""
    return membership.role == Role.RESIDENT and (residence_id is None or residence_id == home_residence_id(membership))


@rules.predicate
def looks_after_goal_resident(user, goal) -> bool:
    """Staff who look after the resident whose plan holds the goal."""
    return same_organization(user, goal) and looks_after_resident(user, goal.plan.stay.resident)


@rules.predicate
def looks_after_hours_resident(user, hours) -> bool:
    return same_organization(user, hours) and looks_after_resident(user, hours.resident)


rules.add_perm("peer_support.view_partners", is_member)


rules.add_perm("peer_support.manage_partners", is_house_staff)


rules.add_perm("peer_support.link_partner", looks_after_goal_resident)


rules.add_perm("peer_support.view_events", is_member)


rules.add_perm("peer_support.manage_events", is_house_staff)


rules.add_perm("peer_support.rsvp_event", is_resident)


rules.add_perm("peer_support.log_service_hours", is_resident)


rules.add_perm("peer_support.review_service_hours", is_house_staff)


rules.add_perm("peer_support.verify_service_hours", looks_after_hours_resident)
