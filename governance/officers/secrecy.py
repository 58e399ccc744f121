"""What an election keeps secret: each candidate's count, hidden until the election closes. Registered under
"secret_fields" (recovery.registry), like a house vote's tally (governance/house_meetings/secrecy.py)."""

from governance.officers.models import ElectionStage, Nomination
from recovery.registry import secret_fields


@secret_fields(Nomination, "votes")
def nomination_votes_sealed(nomination: Nomination) -> bool:
    """A candidate's count is hidden while nominations or voting are open: seen between two votes, it would tell
    whom the person who voted in between chose."""
    return nomination.election.stage != ElectionStage.CLOSED
