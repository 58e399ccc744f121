"""Who may do what in accountability: incidents, the consequence ladder, tests, grievances and mediations.

The people who look after a home (admins, staff, its house managers) run it; a resident reads their home's ladder
and their own record, adds their side and appeals; elected officers (house lead, expediter) may note a violation
and hold a mediation in their home. A grievance about the house manager is for the admins alone. Test results are
a sensitive class: the role must see it by default (residents.sensitivity) on top of the rule on the record.
"""

import rules

from recovery.models import Role
from recovery.rules import has_role, membership_of, same_organization
from residences.homes.rules import looks_after_residence
from residences.homes.selectors import lives_in_residence
from residents.sensitivity import can_see_class, class_of

is_home_staff = has_role(Role.ADMIN, Role.STAFF, Role.HOUSE_MANAGER)


is_admin_or_manager = has_role(Role.ADMIN, Role.HOUSE_MANAGER)


@rules.predicate
def looks_after_incident_home(user, incident) -> bool:
    return same_organization(user, incident) and looks_after_residence(user, incident.residence)


@rules.predicate
def reported_incident(user, incident) -> bool:
    return same_organization(user, incident) and incident.reported_by_id == user.pk


@rules.predicate
def lives_in_incident_home(user, incident) -> bool:
    return same_organization(user, incident) and lives_in_residence(user, incident.residence)


@rules.predicate
def sees_incidents(user) -> bool:
    return can_see_class(membership_of(user), class_of("governance.Incident"))


rules.add_perm("governance.report_incident", has_role(*Role.values))


rules.add_perm("governance.list_incidents", is_home_staff & sees_incidents)


rules.add_perm("governance.view_incident", (looks_after_incident_home & sees_incidents) | reported_incident)


rules.add_perm("governance.manage_incident", looks_after_incident_home & sees_incidents)


# The red-flag review is the house's shared learning, not a disciplinary record: anyone of the home may call one.
rules.add_perm("governance.call_review", looks_after_incident_home | reported_incident | lives_in_incident_home)


rules.add_perm("governance.write_review", looks_after_incident_home | reported_incident | lives_in_incident_home)
