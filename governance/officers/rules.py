"""Who may do what in house meetings, votes and officers. Objects are residences (a meeting's, motion's or
election's home). Staff who look after a home run its meetings; residents living there read them, add to the
agenda and vote. The house secretary keeps minutes. In a level-1 (peer-run) home with house democracy on, the
house lead and secretary hold the house manager's powers over meetings and officers."""

import rules

from governance.officers.selectors import offices_of

# House announcements come from managers and officers: a resident holding an office in the home may post to it.
from peer_support.announcements.rules import may_post_for
from recovery.rules import membership_of


def offices_held(user, residence) -> frozenset[str]:
    """The offices `user` holds in `residence` today, looked up once per request and home."""
    membership = membership_of(user)
    if membership is None or residence is None or residence.organization_id != membership.organization_id:
        return frozenset()
    cache = membership.__dict__.setdefault("_governance_offices", {})
    if residence.pk not in cache:
        cache[residence.pk] = offices_of(user, residence)
    return cache[residence.pk]


@rules.predicate
def holds_an_office_in(user, residence=None) -> bool:
    return residence is not None and bool(offices_held(user, residence))


rules.set_perm("peer_support.post_announcement", may_post_for | holds_an_office_in)
