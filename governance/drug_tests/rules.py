"""Who may do what in accountability: incidents, the consequence ladder, tests, grievances and mediations.

The people who look after a home (admins, staff, its house managers) run it; a resident reads their home's ladder
and their own record, adds their side and appeals; elected officers (house lead, expediter) may note a violation
and hold a mediation in their home. A grievance about the house manager is for the admins alone. Test results are
a sensitive class: the role must see it by default (residents.sensitivity) on top of the rule on the record.
"""

import rules

from governance.incidents.rules import is_admin_or_manager, is_home_staff
from recovery.rules import membership_of, same_organization
from residences.homes.rules import looks_after_residence
from residents.profiles.rules import is_the_resident, looks_after_resident
from residents.sensitivity import can_see_class, class_of


@rules.predicate
def sees_test_results(user) -> bool:
    return can_see_class(membership_of(user), class_of("governance.DrugTest"))


@rules.predicate
def looks_after_tested(user, test) -> bool:
    return same_organization(user, test) and looks_after_resident(user, test.resident)


@rules.predicate
def is_tested_resident(user, test) -> bool:
    return same_organization(user, test) and is_the_resident(user, test.resident)


@rules.predicate
def looks_after_draw_home(user, draw) -> bool:
    return same_organization(user, draw) and looks_after_residence(user, draw.residence)


rules.add_perm("governance.list_tests", is_home_staff & sees_test_results)


rules.add_perm("governance.schedule_test", looks_after_resident & sees_test_results)


rules.add_perm("governance.view_test", (looks_after_tested & sees_test_results) | is_tested_resident)


rules.add_perm("governance.record_test", looks_after_tested & sees_test_results)


rules.add_perm("governance.view_draw", looks_after_draw_home & sees_test_results)


rules.add_perm("governance.manage_testing", looks_after_residence & is_admin_or_manager)
