"""Who sees which resident's record (minimum necessary, 42 CFR Part 2 care).

Admins and staff: every resident of the organization. A house manager: residents whose current (or most
recent) stay is in a home assigned to them. A coach: their mentees (the peer-support feature adds mentorships;
until then, none). A resident: only themselves. Every predicate needs the object's organization to match.
"""

import rules

from recovery.models import Role
from recovery.rules import has_role, membership_of


def _same_organization(membership, resident) -> bool:
    return membership is not None and resident is not None and resident.organization_id == membership.organization_id


@rules.predicate
def is_the_resident(user, resident) -> bool:
    membership = membership_of(user)
    return _same_organization(membership, resident) and resident.user_id == user.pk


@rules.predicate
def looks_after_resident(user, resident) -> bool:
    """Staff who may open this resident's record (not the resident themselves)."""
    membership = membership_of(user)
    if not _same_organization(membership, resident):
        return False
    if membership.role in (Role.ADMIN, Role.STAFF):
        return True
    if membership.role == Role.HOUSE_MANAGER:
        from residences.rules import assigned_residence_ids

        return resident_home_id(resident) in assigned_residence_ids(membership)
    return False


def resident_home_id(resident) -> int | None:
    """The home of the resident's current, else most recent, bed (cached on the object)."""
    if not hasattr(resident, "_home_id"):
        from residences.models import BedAssignment

        resident._home_id = (
            BedAssignment.objects.filter(stay__resident=resident)
            .order_by("-starts_on")
            .values_list("bed__room__residence_id", flat=True)
            .first()
        )
    return resident._home_id


is_resident_staff = has_role(Role.ADMIN, Role.STAFF, Role.HOUSE_MANAGER)

rules.add_perm("residents.view_residents", is_resident_staff)
rules.add_perm("residents.view_resident", looks_after_resident | is_the_resident)
rules.add_perm("residents.change_resident", looks_after_resident)

# Progress reviews, BARC-10, safety plans (objects: the resident); self-care plans belong to each member.
rules.add_perm("residents.view_progress_reviews", looks_after_resident | is_the_resident)
rules.add_perm("residents.conduct_progress_review", looks_after_resident)
rules.add_perm("residents.list_progress_reviews", is_resident_staff)
rules.add_perm("residents.view_barc10", looks_after_resident | is_the_resident)
rules.add_perm("residents.record_barc10", looks_after_resident | is_the_resident)
rules.add_perm("residents.view_safety_plan", looks_after_resident | is_the_resident)
rules.add_perm("residents.change_safety_plan", looks_after_resident | is_the_resident)
rules.add_perm("residents.view_medications", looks_after_resident | is_the_resident)
rules.add_perm("residents.manage_medications", looks_after_resident)
rules.add_perm("residents.reflect_on_review", is_the_resident)
