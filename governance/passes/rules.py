"""Who may do what with passes, chores and the house treasury. Staff who look after a home run it; the home's
officers (passes: any officer; chores: the chore coordinator; treasury: the treasurer) have their say; residents
act for themselves."""

import rules

from governance.officers import selectors as officers
from residences.homes.rules import looks_after_residence
from residences.homes.selectors import lives_in_residence


@rules.predicate
def is_house_officer(user, residence) -> bool:
    return residence is not None and officers.holds_office(user, residence)


@rules.predicate
def may_decide_pass(user, pass_) -> bool:
    """Staff of the home, or an officer living in it; never on their own pass."""
    if pass_.stay.resident.user_id == user.pk:
        return False
    return looks_after_residence(user, pass_.residence) or (
        lives_in_residence(user, pass_.residence) and is_house_officer(user, pass_.residence)
    )


@rules.predicate
def own_sign_out_or_staff(user, sign_out) -> bool:
    return sign_out.stay.resident.user_id == user.pk or looks_after_residence(user, sign_out.residence)


house_officer = lives_in_residence & is_house_officer


rules.add_perm("governance.view_house_passes", looks_after_residence | house_officer)


rules.add_perm("governance.decide_pass", may_decide_pass)


rules.add_perm("governance.sign_back_in", own_sign_out_or_staff)
