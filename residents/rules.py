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
        from residences.homes.rules import assigned_residence_ids

        return resident_home_id(resident) in assigned_residence_ids(membership)
    if membership.role == Role.COACH:
        # A coach looks after a resident while they mentor them. Imported here, not at the top: residents must
        # not depend on peer_support at import time (peer_support builds on residents, not the other way).
        from peer_support.mentorships.models import Mentorship

        return Mentorship.objects.filter(mentee=resident, ended_on__isnull=True, mentor__membership=membership).exists()
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

is_consent_manager = has_role(Role.ADMIN, Role.STAFF)

rules.add_perm("residents.view_consents", looks_after_resident)
rules.add_perm("residents.manage_consents", looks_after_resident & is_consent_manager)
rules.add_perm("residents.disclose", looks_after_resident & is_consent_manager)
rules.add_perm("residents.revoke_consent", (looks_after_resident & is_consent_manager) | is_the_resident)
rules.add_perm("residents.view_own_consents", has_role(Role.RESIDENT))
rules.add_perm("residents.sign_consent", (looks_after_resident & is_consent_manager) | is_the_resident)

# Recovery plans and case notes (object: the resident). The resident reads their plan and adds progress; staff
# who look after them write the plan, comment and keep case notes (which notes the resident sees: the selector).
rules.add_perm("residents.view_plan", looks_after_resident | is_the_resident)
rules.add_perm("residents.change_plan", looks_after_resident)
rules.add_perm("residents.add_progress", is_the_resident)
rules.add_perm("residents.comment_on_plan", looks_after_resident)
rules.add_perm("residents.view_case_notes", looks_after_resident | is_the_resident)
rules.add_perm("residents.add_case_note", looks_after_resident)
rules.add_perm("residents.view_justice_details", looks_after_resident)
rules.add_perm("residents.complete_milestone", looks_after_resident | is_the_resident)


def sees_class(info_class: str):
    """A predicate: the person's role sees this sensitive class by default (residents.sensitivity)."""
    from residents.sensitivity import can_see_class

    return rules.predicate(lambda user: can_see_class(membership_of(user), info_class), name=f"sees_{info_class}")


# Progress reviews, BARC-10, safety plans (objects: the resident); self-care plans belong to each member.
# Assessments and medication are sensitive classes: staff see them only where their role does by default.
rules.add_perm("residents.view_progress_reviews", looks_after_resident | is_the_resident)
rules.add_perm("residents.conduct_progress_review", looks_after_resident)
rules.add_perm("residents.list_progress_reviews", is_resident_staff)
rules.add_perm("residents.view_barc10", (looks_after_resident & sees_class("assessments")) | is_the_resident)
rules.add_perm("residents.record_barc10", (looks_after_resident & sees_class("assessments")) | is_the_resident)
rules.add_perm("residents.view_safety_plan", looks_after_resident | is_the_resident)
rules.add_perm("residents.change_safety_plan", looks_after_resident | is_the_resident)
rules.add_perm("residents.view_medications", (looks_after_resident & sees_class("medication")) | is_the_resident)
rules.add_perm("residents.manage_medications", looks_after_resident & sees_class("medication"))
rules.add_perm("residents.reflect_on_review", is_the_resident)

# Phases. A home's phases are set by the staff who run it; a resident asks to advance, staff decide (in a peer-run
# home the house may vote; staff record the decision). Celebrations are for the house: staff and residents.
from residences.homes.rules import looks_after_residence  # noqa: E402


@rules.predicate
def lives_in_or_runs_a_home(user) -> bool:
    membership = membership_of(user)
    return membership is not None and membership.role in (Role.ADMIN, Role.STAFF, Role.HOUSE_MANAGER, Role.RESIDENT)


rules.add_perm("residents.manage_phases", looks_after_residence)
rules.add_perm("residents.view_phase", looks_after_resident | is_the_resident)
rules.add_perm("residents.decide_phase", looks_after_resident)
rules.add_perm("residents.ask_to_advance", is_the_resident)
rules.add_perm("residents.view_advance_requests", is_resident_staff)
rules.add_perm("residents.view_celebrations", lives_in_or_runs_a_home)
rules.add_perm("residents.view_alumni", is_resident_staff)
