"""Who may do what with passes, chores and the house treasury. Staff who look after a home run it; the home's
officers (passes: any officer; chores: the chore coordinator; treasury: the treasurer) have their say; residents
act for themselves."""

import rules

from governance.officers import selectors as officers
from governance.officers.models import Office
from governance.treasury.services import treasury_open
from residences.homes.rules import looks_after_residence
from residences.homes.selectors import lives_in_residence


@rules.predicate
def is_treasurer(user, residence) -> bool:
    return residence is not None and officers.holds_office(user, residence, Office.TREASURER)


@rules.predicate
def keeps_a_treasury(user, residence) -> bool:
    return residence is not None and treasury_open(residence)


rules.add_perm("governance.view_treasury", keeps_a_treasury & (looks_after_residence | lives_in_residence))


rules.add_perm(
    "governance.keep_treasury", keeps_a_treasury & (looks_after_residence | (lives_in_residence & is_treasurer))
)


rules.add_perm("governance.sign_treasury_audit", keeps_a_treasury & (looks_after_residence | lives_in_residence))
