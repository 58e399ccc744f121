"""Who may see and run which home. Admins and staff work across the organization's homes; a house manager
only in the homes assigned to them; residents see their own house's shared pages ("my house")."""

import rules

from recovery.models import Role
from recovery.rules import has_role, is_admin, membership_of


def assigned_residence_ids(membership) -> frozenset[int]:
    """The homes a house manager looks after, looked up once per request (cached on the membership)."""
    if not hasattr(membership, "_assigned_residence_ids"):
        from residences.models import HouseManagerAssignment

        membership._assigned_residence_ids = frozenset(
            HouseManagerAssignment.objects.filter(membership=membership).values_list("residence_id", flat=True)
        )
    return membership._assigned_residence_ids


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
rules.add_perm("residences.admit", looks_after_residence)
rules.add_perm("residences.view_applications", is_house_staff)
rules.add_perm("residences.change_application", is_house_staff)

# House rules, house operations and compliance. Staff who look after a home run it; residents read (and sign)
# the rules of the house they live in. The predicate lives with the read it needs.
from residences.homes.selectors import lives_in_residence  # noqa: E402 - after the names selectors import from here

rules.add_perm("residences.view_house_rules", looks_after_residence | lives_in_residence)
rules.add_perm("residences.publish_house_rules", looks_after_residence)
rules.add_perm("residences.acknowledge_house_rules", lives_in_residence)
rules.add_perm("residences.run_house_operations", looks_after_residence)
rules.add_perm("residences.view_compliance", looks_after_residence)
rules.add_perm("residences.change_compliance", looks_after_residence)
rules.add_perm("residences.download_certification_packet", looks_after_residence)

# One application: admins and staff see every one; a house manager those for the homes they look after and those
# that name no home (as on the waitlist, see residences.applications.selectors.applications_for).
rules.add_perm(
    "residences.view_application",
    is_house_staff
    & rules.predicate(
        lambda user, application: (
            application.residence_id is None
            or membership_of(user).role != Role.HOUSE_MANAGER
            or application.residence_id in assigned_residence_ids(membership_of(user))
        ),
        name="application_is_for_their_homes",
    ),
)

# --- The rent and fees ledger ---------------------------------------------------------------------------------


def _stay_residence_id(stay):
    """The home of the stay's current (or, once ended, last) bed, looked up once per stay object."""
    if not hasattr(stay, "_ledger_residence_id"):
        from residences.models import BedAssignment

        stay._ledger_residence_id = (
            BedAssignment.objects.filter(stay=stay)
            .order_by("-starts_on")
            .values_list("bed__room__residence_id", flat=True)
        ).first()
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
