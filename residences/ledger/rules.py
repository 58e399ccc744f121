"""Who may see and keep a stay's ledger: staff of the home, and the resident for their own balance."""

import rules

from recovery.models import Role
from recovery.rules import has_role, membership_of
from residences.homes.rules import looks_after_residence
from residences.homes.selectors import assigned_residence_ids, home_of

# House rules, house operations and compliance. Staff who look after a home run it; residents read (and sign)
# the rules of the house they live in. The predicate lives with the read it needs.


def _stay_residence_id(stay):
    """The home of the stay's current (or, once ended, last) bed, looked up once per stay object."""
    if not hasattr(stay, "_ledger_residence_id"):
        home = home_of(stay=stay, on=None, latest=True)
        stay._ledger_residence_id = home.pk if home is not None else None
    return stay._ledger_residence_id


@rules.predicate
def looks_after_stay(user, stay) -> bool:
    """Admin or staff of the stay's organization, or a house manager of the home the stay is (or was last) in."""
    membership = membership_of(user)
    if membership is None or stay is None or stay.organization_id != membership.organization_id:
        return False
    if membership.role in (Role.ADMIN, Role.STAFF):
        return True
    return membership.role == Role.HOUSE_MANAGER and _stay_residence_id(stay) in assigned_residence_ids(membership)


@rules.predicate
def is_own_stay(user, stay) -> bool:
    """The resident whose stay it is, signed in on their own account."""
    membership = membership_of(user)
    if membership is None or stay is None or stay.organization_id != membership.organization_id:
        return False
    return membership.role == Role.RESIDENT and stay.resident.user_id == user.pk


rules.add_perm("residences.view_ledger", looks_after_stay | is_own_stay)


rules.add_perm("residences.manage_ledger", looks_after_stay)


rules.add_perm("residences.sign_fee_disclosure", is_own_stay | looks_after_stay)


rules.add_perm("residences.view_balances", looks_after_residence)


rules.add_perm("residences.view_own_balance", has_role(Role.RESIDENT))
