"""A coach looks after a resident while they mentor them (the registry's "looks_after" key, asked by the resident
record's rules)."""

from peer_support.mentorships.models import Mentorship
from recovery.registry import looks_after


@looks_after
def mentors(membership, resident) -> bool:
    """True while `membership` mentors `resident` in an open mentorship (one query)."""
    return Mentorship.objects.filter(mentee=resident, ended_on__isnull=True, mentor__membership=membership).exists()
