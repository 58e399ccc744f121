"""Who may do what with give-and-receive, workshops, community partners and events, and announcements.

Residents act for themselves and see what is shared with their house; staff work with what they look after
(an admin or staff member: the whole organization; a house manager: their homes). Governance extends
`peer_support.post_announcement` with house officers (rules.set_perm), since nothing here imports governance.
"""

import rules

from recovery.models import Role
from recovery.rules import has_role, is_member, is_resident, membership_of
from residences.homes.rules import assigned_residence_ids
from residences.homes.selectors import home_residence_id
from residents.profiles.rules import looks_after_resident

is_house_staff = has_role(Role.ADMIN, Role.STAFF, Role.HOUSE_MANAGER)
is_org_staff = has_role(Role.ADMIN, Role.STAFF)


def _member_of(user, obj):
    membership = membership_of(user)
    if membership is None or obj is None or obj.organization_id != membership.organization_id:
        return None
    return membership


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


# --- Give and receive (object: a HelpExchange) -----------------------------------------------------------------


@rules.predicate
def is_party_to_help(user, exchange) -> bool:
    return _member_of(user, exchange) is not None and user.pk in (exchange.giver.user_id, exchange.receiver.user_id)


@rules.predicate
def is_other_party_to_help(user, exchange) -> bool:
    """The resident who did not log it, while it waits for confirmation."""
    return is_party_to_help(user, exchange) and exchange.confirmed_at is None and exchange.logged_by_id != user.pk


rules.add_perm("peer_support.log_help", is_resident)
rules.add_perm("peer_support.confirm_help", is_other_party_to_help)
rules.add_perm("peer_support.view_help_totals", is_house_staff)


# --- Workshops (objects: a WorkshopSession) ---------------------------------------------------------------------


@rules.predicate
def runs_session(user, session) -> bool:
    membership = _member_of(user, session)
    return membership is not None and looks_after_home_or_all(membership, session.residence_id)


@rules.predicate
def facilitates_session(user, session) -> bool:
    if _member_of(user, session) is None:
        return False
    if session.facilitator_user_id == user.pk:
        return True
    return session.facilitator_resident_id is not None and session.facilitator_resident.user_id == user.pk


@rules.predicate
def session_is_for_my_house(user, session) -> bool:
    membership = _member_of(user, session)
    return membership is not None and shared_with_my_house(membership, session.residence_id)


@rules.predicate
def session_is_for_all_homes(user, session) -> bool:
    return _member_of(user, session) is not None and session.residence_id is None


rules.add_perm("peer_support.view_workshops", is_member)
rules.add_perm("peer_support.manage_workshops", is_house_staff)
rules.add_perm(
    "peer_support.view_session",
    runs_session | facilitates_session | session_is_for_my_house | session_is_for_all_homes,
)
rules.add_perm("peer_support.rsvp_session", session_is_for_my_house)
rules.add_perm("peer_support.take_attendance", runs_session | facilitates_session)
rules.add_perm("peer_support.write_session_notes", runs_session | facilitates_session)


# --- Community partners, events, service hours -----------------------------------------------------------------


@rules.predicate
def looks_after_goal_resident(user, goal) -> bool:
    """Staff who look after the resident whose plan holds the goal."""
    return _member_of(user, goal) is not None and looks_after_resident(user, goal.plan.stay.resident)


@rules.predicate
def looks_after_hours_resident(user, hours) -> bool:
    return _member_of(user, hours) is not None and looks_after_resident(user, hours.resident)


rules.add_perm("peer_support.view_partners", is_member)
rules.add_perm("peer_support.manage_partners", is_house_staff)
rules.add_perm("peer_support.link_partner", looks_after_goal_resident)
rules.add_perm("peer_support.view_events", is_member)
rules.add_perm("peer_support.manage_events", is_house_staff)
rules.add_perm("peer_support.rsvp_event", is_resident)
rules.add_perm("peer_support.log_service_hours", is_resident)
rules.add_perm("peer_support.review_service_hours", is_house_staff)
rules.add_perm("peer_support.verify_service_hours", looks_after_hours_resident)


# --- Announcements (objects: a Residence, or None for all homes; an Announcement) -------------------------------


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
    membership = _member_of(user, announcement)
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
