"""The ledger answers the homes' stay events (the registry's "stay_events" key): at move-out the rent is settled
as the fee disclosure promises (services.rent.settle_rent_at_move_out)."""

from recovery.registry import stay_event
from residences.ledger.services.rent import settle_rent_at_move_out


@stay_event("moved_out")
def settle_rent(*, stay) -> None:
    settle_rent_at_move_out(stay=stay)
