"""Who may see and run which home. Admins and staff work across the organization's homes; a house manager
only in the homes assigned to them; residents see their own house's shared pages ("my house")."""

import rules

from recovery.models import Role
from recovery.rules import has_role, is_admin, membership_of
from residences.homes.selectors import assigned_residence_ids

# House rules, house operations and compliance. Staff who look after a home run it; residents read (and sign)
# the rules of the house they live in. The predicate lives with the read it needs.


@rules.predicate
def looks_after_residence(user, residence) -> bool:
    """Admin or staff of the residence's organization, or a house manager assigned to it."""
    membership = membership_of(user)
    if membership is None or residence is None or residence.organization_id != membership.organization_id:
        return False
    if membership.role in (Role.ADMIN, Role.STAFF):
        return True
    return membership.role == Role.HOUSE_MANAGER and residence.pk in assigned_residence_ids(membership)


is_house_staff = has_role(Role.ADMIN, Role.STAFF, Role.HOUSE_MANAGER)


rules.add_perm("residences.view_residences", is_house_staff)


rules.add_perm("residences.add_residence", is_admin)


rules.add_perm("residences.change_residence", is_admin)


rules.add_perm("residences.view_residence", looks_after_residence)


rules.add_perm("residences.manage_beds", looks_after_residence)
