"""What a house vote keeps secret: the fields that hold a motion's tally or a voter's choice, and when a row's
values may be read. Registered under "secret_fields" (recovery.registry): no admin filters, searches or sorts by
them, and a record's admin page hides them while the vote is open. The house's own pages follow the same rule
(the tally shows on the motion page once the vote has closed)."""

from governance.house_meetings.models import Ballot, Motion
from recovery.registry import secret_fields


@secret_fields(Motion, "yes_count", "no_count", "abstain_count")
def motion_tally_sealed(motion: Motion) -> bool:
    """A secret motion's running tally is hidden until the vote closes: seen between two votes, it would tell how
    the person who voted in between chose."""
    return motion.secret and motion.is_open


@secret_fields(Ballot, "choice")
def ballot_choice_sealed(ballot: Ballot) -> bool:
    """A secret ballot's choice is never kept (it stays blank); an open vote's choice the house may read."""
    return ballot.motion.secret
