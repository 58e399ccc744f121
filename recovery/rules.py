"""Who may do what on the platform pages. Predicates read the person's active membership, which the tenant
middleware sets as `user.hearth_membership`; without one, every predicate says no.

Later apps add object-level predicates in their own rules.py the same way: a house manager sees only the
residences assigned to them, a coach only their mentees, a resident only themselves.
"""

import rules

from recovery.models import Role


def membership_of(user):
    return getattr(user, "hearth_membership", None)


def membership_in_organization_of(user, obj):
    """The person's active membership when `obj` (a tenant row) belongs to its organization; else None (also for
    no person, no membership or no `obj`). Object-level predicates start here: another organization's row is
    never theirs, whatever the role."""
    membership = membership_of(user)
    if membership is None or obj is None or obj.organization_id != membership.organization_id:
        return None
    return membership


def same_organization(user, obj) -> bool:
    """True when `obj` (a tenant row) belongs to the person's active organization."""
    return membership_in_organization_of(user, obj) is not None


def has_role(*roles):
    """True when the person's active role is one of `roles` (and `obj`, if given, is of their organization)."""

    @rules.predicate(name=f"has_role:{'|'.join(roles)}")
    def predicate(user, obj=None):
        membership = membership_of(user)
        if membership is None or membership.role not in roles:
            return False
        return obj is None or getattr(obj, "organization_id", membership.organization_id) == membership.organization_id

    return predicate


is_member = has_role(*Role.values)
is_admin = has_role(Role.ADMIN)
is_house_manager = has_role(Role.HOUSE_MANAGER)
is_staff_member = has_role(Role.STAFF)
is_coach = has_role(Role.COACH)
is_resident = has_role(Role.RESIDENT)

rules.add_perm("recovery.view_organization", is_member)
rules.add_perm("recovery.manage_organization", is_admin)
rules.add_perm("recovery.view_members", is_admin)
rules.add_perm("recovery.invite_member", is_admin)
rules.add_perm("recovery.change_membership", is_admin)
rules.add_perm("recovery.view_audit_log", is_admin)
# A list exported to a file is a disclosure (recovery.exports): the people who run the homes, never a coach or a
# resident.
rules.add_perm("recovery.export_records", is_admin | is_staff_member | is_house_manager)
