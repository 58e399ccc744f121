"""Who may do what in house meetings, votes and officers. Objects are residences (a meeting's, motion's or
election's home). Staff who look after a home run its meetings; residents living there read them, add to the
agenda and vote. The house secretary keeps minutes. In a level-1 (peer-run) home with house democracy on, the
house lead and secretary hold the house manager's powers over meetings and officers."""

import rules

from governance.officers.models import Office
from governance.officers.rules import offices_held
from residences.homes.rules import looks_after_residence
from residences.homes.selectors import lives_in_residence
from residences.models import Level

# House announcements come from managers and officers: a resident holding an office in the home may post to it.


PEER_RUN_OFFICES = (Office.HOUSE_LEAD, Office.SECRETARY)


@rules.predicate
def democracy_on(user, residence) -> bool:
    return residence is not None and residence.democracy_features


@rules.predicate
def officer_runs_the_house(user, residence) -> bool:
    """A house lead or secretary of a peer-run home whose operator allows house democracy."""
    if residence is None or residence.level != Level.PEER_RUN or not residence.democracy_features:
        return False
    return bool(offices_held(user, residence) & set(PEER_RUN_OFFICES))


@rules.predicate
def is_house_secretary(user, residence) -> bool:
    if residence is None or not residence.democracy_features:
        return False
    return Office.SECRETARY in offices_held(user, residence)


runs_meetings = looks_after_residence | officer_runs_the_house


rules.add_perm("governance.view_meetings", looks_after_residence | lives_in_residence)


rules.add_perm("governance.add_agenda_item", looks_after_residence | lives_in_residence)


rules.add_perm("governance.run_meetings", runs_meetings)


rules.add_perm("governance.keep_minutes", runs_meetings | is_house_secretary)


rules.add_perm("governance.vote", lives_in_residence & democracy_on)


rules.add_perm("governance.nominate", lives_in_residence & democracy_on)


rules.add_perm("governance.view_officers", looks_after_residence | lives_in_residence)


rules.add_perm("governance.manage_officers", runs_meetings)
