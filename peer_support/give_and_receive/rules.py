"""Who may do what with give-and-receive, workshops, community partners and events, and announcements.

Residents act for themselves and see what is shared with their house; staff work with what they look after
(an admin or staff member: the whole organization; a house manager: their homes). Governance extends
`peer_support.post_announcement` with house officers (rules.set_perm), since nothing here imports governance.
"""

import rules

from recovery.rules import is_resident, same_organization
from residences.homes.rules import is_house_staff


@rules.predicate
def is_party_to_help(user, exchange) -> bool:
    if not same_organization(user, exchange):
        return False
    return user.pk in (exchange.giver.user_id, exchange.receiver.user_id)


@rules.predicate
def is_other_party_to_help(user, exchange) -> bool:
    """The resident who did not log it, while it waits for confirmation."""
    return is_party_to_help(user, exchange) and exchange.confirmed_at is None and exchange.logged_by_id != user.pk


rules.add_perm("peer_support.log_help", is_resident)


rules.add_perm("peer_support.confirm_help", is_other_party_to_help)


rules.add_perm("peer_support.view_help_totals", is_house_staff)
