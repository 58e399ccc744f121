"""Who may do what in accountability: incidents, the consequence ladder, tests, grievances and mediations.

The people who look after a home (admins, staff, its house managers) run it; a resident reads their home's ladder
and their own record, adds their side and appeals; elected officers (house lead, expediter) may note a violation
and hold a mediation in their home. A grievance about the house manager is for the admins alone. Test results are
a sensitive class: the role must see it by default (residents.sensitivity) on top of the rule on the record.
"""

import rules

from governance.incidents.rules import is_admin_or_manager
from governance.officers.models import Office
from governance.officers.selectors import holds_office
from recovery.rules import same_organization
from residences.homes.rules import looks_after_residence
from residences.homes.selectors import lives_in_residence
from residents.profiles.rules import is_the_resident, looks_after_resident, resident_home_id


@rules.predicate
def is_officer_of_residents_home(user, resident) -> bool:
    if not same_organization(user, resident):
        return False
    from residences.models import Residence

    home_id = resident_home_id(resident)
    home = Residence.objects.filter(pk=home_id).first() if home_id else None
    return home is not None and holds_office(user, home, Office.HOUSE_LEAD, Office.EXPEDITER)


@rules.predicate
def is_officer_of(user, residence) -> bool:
    return same_organization(user, residence) and holds_office(user, residence, Office.HOUSE_LEAD, Office.EXPEDITER)


@rules.predicate
def looks_after_violation(user, violation) -> bool:
    return same_organization(user, violation) and looks_after_resident(user, violation.resident)


@rules.predicate
def is_violations_resident(user, violation) -> bool:
    return same_organization(user, violation) and is_the_resident(user, violation.resident)


@rules.predicate
def decides_appeals_of(user, violation) -> bool:
    return (
        is_admin_or_manager(user)
        and same_organization(user, violation)
        and looks_after_residence(user, violation.residence)
    )


rules.add_perm("governance.view_ladder", looks_after_residence | lives_in_residence)


rules.add_perm("governance.manage_ladder", looks_after_residence & is_admin_or_manager)


rules.add_perm("governance.record_violation", looks_after_resident | is_officer_of_residents_home)


rules.add_perm("governance.view_violation", looks_after_violation | is_violations_resident)


rules.add_perm("governance.add_statement", is_violations_resident)


rules.add_perm("governance.appeal_violation", is_violations_resident)


rules.add_perm("governance.decide_appeal", decides_appeals_of)
