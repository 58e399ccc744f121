"""Who may do what with passes, chores and the house treasury. Staff who look after a home run it; the home's
officers (passes: any officer; chores: the chore coordinator; treasury: the treasurer) have their say; residents
act for themselves."""

import rules

from governance.officers import selectors as officers
from governance.officers.models import Office
from residences.homes.rules import looks_after_residence
from residences.homes.selectors import lives_in_residence


@rules.predicate
def is_chore_coordinator(user, residence) -> bool:
    return residence is not None and officers.holds_office(user, residence, Office.CHORE_COORDINATOR)


@rules.predicate
def own_assignment(user, assignment) -> bool:
    return assignment.resident.user_id == user.pk


@rules.predicate
def may_check_assignment(user, assignment) -> bool:
    residence = assignment.chore.residence
    if looks_after_residence(user, residence):
        return True
    return (
        assignment.resident.user_id != user.pk
        and lives_in_residence(user, residence)
        and (is_chore_coordinator(user, residence))
    )


rules.add_perm("governance.view_chores", looks_after_residence | lives_in_residence)


rules.add_perm("governance.manage_chores", looks_after_residence | (lives_in_residence & is_chore_coordinator))


rules.add_perm("governance.mark_chore_done", own_assignment)


rules.add_perm("governance.check_chore", may_check_assignment)
