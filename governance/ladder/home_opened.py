"""The ladder answers the homes' "home_opened" event (see `recovery.registry`): a new home starts with the six
default steps, so reading a ladder never writes one."""

from governance.ladder.services import seed_default_ladder
from recovery.registry import home_opened


@home_opened
def give_the_default_ladder(*, residence) -> None:
    seed_default_ladder(residence)
