"""Who may do what in accountability: incidents, the consequence ladder, tests, grievances and mediations.

The people who look after a home (admins, staff, its house managers) run it; a resident reads their home's ladder
and their own record, adds their side and appeals; elected officers (house lead, expediter) may note a violation
and hold a mediation in their home. A grievance about the house manager is for the admins alone. Test results are
a sensitive class: the role must see it by default (residents.sensitivity) on top of the rule on the record.
"""

import rules

from governance.incidents.rules import is_admin_or_manager
from governance.ladder.rules import is_officer_of
from recovery.models import Role
from recovery.rules import has_role, membership_of, same_organization
from residences.homes.rules import looks_after_residence
from residents.profiles.rules import is_the_resident


@rules.predicate
def filed_grievance(user, grievance) -> bool:
    return same_organization(user, grievance) and is_the_resident(user, grievance.resident)


@rules.predicate
def answers_grievance(user, grievance) -> bool:
    """Admins always; the home's house managers only when it is not about the house manager."""
    membership = membership_of(user)
    if not same_organization(user, grievance):
        return False
    if membership.role == Role.ADMIN:
        return True
    return (
        not grievance.about_house_manager
        and membership.role == Role.HOUSE_MANAGER
        and looks_after_residence(user, grievance.residence)
    )


@rules.predicate
def is_party_or_facilitator(user, mediation) -> bool:
    if not same_organization(user, mediation):
        return False
    return mediation.facilitator_id == user.pk or any(party.user_id == user.pk for party in mediation.parties.all())


@rules.predicate
def looks_after_mediation_home(user, mediation) -> bool:
    return same_organization(user, mediation) and looks_after_residence(user, mediation.residence)


rules.add_perm("governance.file_grievance", has_role(Role.RESIDENT))


rules.add_perm("governance.list_grievances", is_admin_or_manager)


rules.add_perm("governance.view_grievance", answers_grievance | filed_grievance)


rules.add_perm("governance.respond_grievance", answers_grievance)


rules.add_perm("governance.record_mediation", looks_after_residence | is_officer_of)


rules.add_perm("governance.view_mediation", looks_after_mediation_home | is_party_or_facilitator)
