"""Who sees which resident's record (minimum necessary, 42 CFR Part 2 care).

Admins and staff: every resident of the organization. A house manager: residents whose current (or most
recent) stay is in a home assigned to them. A coach: their mentees (the peer-support feature adds mentorships),
but only what a mentee shares with them: a coach keeps no part of the record (`keeps_record_of`) and sees no
sensitive class (residents.sensitivity). A resident: only themselves. Every predicate needs the object's
organization to match.
"""

import rules

from recovery.models import Role
from recovery.registry import registry
from recovery.rules import has_role, membership_of
from residences.homes.selectors import assigned_residence_ids, home_of
from residents.sensitivity import can_see_class, is_keeper

# Phases. A home's phases are set by the staff who run it; a resident asks to advance, staff decide (in a peer-run
# home the house may vote; staff record the decision). Celebrations are for the house: staff and residents.


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
        return resident_home_id(resident) in assigned_residence_ids(membership)
    if membership.role == Role.COACH:
        # A coach looks after a resident through a relation a higher feature owns (peer support's mentorships),
        # registered under the registry's "looks_after" key: residents imports none of them.
        return any(predicate(membership, resident) for predicate in registry["looks_after"])
    return False


def resident_home_id(resident) -> int | None:
    """The id of the home of the resident's latest bed, of any stay (`home_of(resident=..., latest=True)`), looked
    up once per resident object."""
    if not hasattr(resident, "_home_id"):
        home = home_of(resident=resident, on=None, latest=True)
        resident._home_id = home.pk if home is not None else None
    return resident._home_id


is_resident_staff = has_role(Role.ADMIN, Role.STAFF, Role.HOUSE_MANAGER)


@rules.predicate
def keeps_record_of(user, resident) -> bool:
    """Looks after the resident in a role that keeps the record (residents.sensitivity.KEEPER_ROLES): admins, staff
    and their house manager; never a coach, who sees only what a mentee shares with them."""
    return is_keeper(membership_of(user)) and looks_after_resident(user, resident)


def sees_class(info_class: str):
    """A predicate: the person's role sees this sensitive class by default (residents.sensitivity)."""
    return rules.predicate(lambda user: can_see_class(membership_of(user), info_class), name=f"sees_{info_class}")


def may_see_class(info_class: str):
    """A predicate on a resident: the viewer looks after them in a role that sees `info_class` by default, or is the
    resident (residents.sensitivity). Every rule that shows a sensitive class of one resident is this one."""
    return (looks_after_resident & sees_class(info_class)) | is_the_resident


def may_keep_class(info_class: str):
    """A predicate on a resident: the viewer looks after them in a role that sees `info_class` by default, so may
    record it (the resident reads their own but does not write it, unless a feature says so)."""
    return looks_after_resident & sees_class(info_class)


rules.add_perm("residents.view_residents", is_resident_staff)


rules.add_perm("residents.view_resident", looks_after_resident | is_the_resident)


rules.add_perm("residents.change_resident", keeps_record_of)


rules.add_perm("residents.view_justice_details", keeps_record_of)


rules.add_perm("residents.view_date_of_birth", keeps_record_of | is_the_resident)
