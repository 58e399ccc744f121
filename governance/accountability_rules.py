"""Who may do what in accountability: incidents, the consequence ladder, tests, grievances and mediations.

The people who look after a home (admins, staff, its house managers) run it; a resident reads their home's ladder
and their own record, adds their side and appeals; elected officers (house lead, expediter) may note a violation
and hold a mediation in their home. A grievance about the house manager is for the admins alone. Test results are
a sensitive class: the role must see it by default (residents.sensitivity) on top of the rule on the record.
"""

import rules

from governance.officers.models import Office
from governance.officers.selectors import holds_office
from recovery.models import Role
from recovery.rules import has_role, membership_of
from residences.homes.rules import looks_after_residence
from residences.homes.selectors import lives_in_residence
from residents.profiles.rules import is_the_resident, looks_after_resident, resident_home_id
from residents.sensitivity import InfoClass, can_see_class

is_home_staff = has_role(Role.ADMIN, Role.STAFF, Role.HOUSE_MANAGER)
is_admin_or_manager = has_role(Role.ADMIN, Role.HOUSE_MANAGER)


def _same_org(user, obj) -> bool:
    membership = membership_of(user)
    return membership is not None and obj is not None and obj.organization_id == membership.organization_id


# --- Incidents (object: the incident) ---------------------------------------------------------------------------


@rules.predicate
def looks_after_incident_home(user, incident) -> bool:
    return _same_org(user, incident) and looks_after_residence(user, incident.residence)


@rules.predicate
def reported_incident(user, incident) -> bool:
    return _same_org(user, incident) and incident.reported_by_id == user.pk


@rules.predicate
def lives_in_incident_home(user, incident) -> bool:
    return _same_org(user, incident) and lives_in_residence(user, incident.residence)


@rules.predicate
def sees_incidents(user) -> bool:
    return can_see_class(membership_of(user), InfoClass.INCIDENTS)


rules.add_perm("governance.report_incident", has_role(*Role.values))
rules.add_perm("governance.list_incidents", is_home_staff & sees_incidents)
rules.add_perm("governance.view_incident", (looks_after_incident_home & sees_incidents) | reported_incident)
rules.add_perm("governance.manage_incident", looks_after_incident_home & sees_incidents)
# The red-flag review is the house's shared learning, not a disciplinary record: anyone of the home may call one.
rules.add_perm("governance.call_review", looks_after_incident_home | reported_incident | lives_in_incident_home)
rules.add_perm("governance.write_review", looks_after_incident_home | reported_incident | lives_in_incident_home)

# --- The consequence ladder (objects: a residence, a resident, a violation) -------------------------------------


@rules.predicate
def is_officer_of_residents_home(user, resident) -> bool:
    if not _same_org(user, resident):
        return False
    from residences.models import Residence

    home_id = resident_home_id(resident)
    home = Residence.objects.filter(pk=home_id).first() if home_id else None
    return home is not None and holds_office(user, home, Office.HOUSE_LEAD, Office.EXPEDITER)


@rules.predicate
def is_officer_of(user, residence) -> bool:
    return _same_org(user, residence) and holds_office(user, residence, Office.HOUSE_LEAD, Office.EXPEDITER)


@rules.predicate
def looks_after_violation(user, violation) -> bool:
    return _same_org(user, violation) and looks_after_resident(user, violation.resident)


@rules.predicate
def is_violations_resident(user, violation) -> bool:
    return _same_org(user, violation) and is_the_resident(user, violation.resident)


@rules.predicate
def decides_appeals_of(user, violation) -> bool:
    return is_admin_or_manager(user) and _same_org(user, violation) and looks_after_residence(user, violation.residence)


rules.add_perm("governance.view_ladder", looks_after_residence | lives_in_residence)
rules.add_perm("governance.manage_ladder", looks_after_residence & is_admin_or_manager)
rules.add_perm("governance.record_violation", looks_after_resident | is_officer_of_residents_home)
rules.add_perm("governance.view_violation", looks_after_violation | is_violations_resident)
rules.add_perm("governance.add_statement", is_violations_resident)
rules.add_perm("governance.appeal_violation", is_violations_resident)
rules.add_perm("governance.decide_appeal", decides_appeals_of)
rules.add_perm("governance.view_my_accountability", has_role(Role.RESIDENT))
rules.add_perm("governance.view_accountability", is_home_staff)

# --- Drug and alcohol tests (objects: a resident, a test, a draw) ----------------------------------------------


@rules.predicate
def sees_test_results(user) -> bool:
    return can_see_class(membership_of(user), InfoClass.TEST_RESULTS)


@rules.predicate
def looks_after_tested(user, test) -> bool:
    return _same_org(user, test) and looks_after_resident(user, test.resident)


@rules.predicate
def is_tested_resident(user, test) -> bool:
    return _same_org(user, test) and is_the_resident(user, test.resident)


@rules.predicate
def looks_after_draw_home(user, draw) -> bool:
    return _same_org(user, draw) and looks_after_residence(user, draw.residence)


rules.add_perm("governance.list_tests", is_home_staff & sees_test_results)
rules.add_perm("governance.schedule_test", looks_after_resident & sees_test_results)
rules.add_perm("governance.view_test", (looks_after_tested & sees_test_results) | is_tested_resident)
rules.add_perm("governance.record_test", looks_after_tested & sees_test_results)
rules.add_perm("governance.view_draw", looks_after_draw_home & sees_test_results)
rules.add_perm("governance.manage_testing", looks_after_residence & is_admin_or_manager)

# --- Grievances and mediations ----------------------------------------------------------------------------------


@rules.predicate
def filed_grievance(user, grievance) -> bool:
    return _same_org(user, grievance) and is_the_resident(user, grievance.resident)


@rules.predicate
def answers_grievance(user, grievance) -> bool:
    """Admins always; the home's house managers only when it is not about the house manager."""
    membership = membership_of(user)
    if not _same_org(user, grievance):
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
    if not _same_org(user, mediation):
        return False
    return mediation.facilitator_id == user.pk or any(party.user_id == user.pk for party in mediation.parties.all())


@rules.predicate
def looks_after_mediation_home(user, mediation) -> bool:
    return _same_org(user, mediation) and looks_after_residence(user, mediation.residence)


rules.add_perm("governance.file_grievance", has_role(Role.RESIDENT))
rules.add_perm("governance.list_grievances", is_admin_or_manager)
rules.add_perm("governance.view_grievance", answers_grievance | filed_grievance)
rules.add_perm("governance.respond_grievance", answers_grievance)
rules.add_perm("governance.record_mediation", looks_after_residence | is_officer_of)
rules.add_perm("governance.view_mediation", looks_after_mediation_home | is_party_or_facilitator)
