"""House offices, and the one question the rest of Hearth asks of them: does this person hold an office in
this home now? The officers feature (terms, nominations, elections) fills in `holds_office`; passes, chores,
the treasury and announcements ask it."""

from django.db import models


class Office(models.TextChoices):
    HOUSE_LEAD = "house_lead", "House lead"
    SECRETARY = "secretary", "Secretary"
    TREASURER = "treasurer", "Treasurer"
    CHORE_COORDINATOR = "chore_coordinator", "Chore coordinator"
    EXPEDITER = "expediter", "Expediter"


def holds_office(user, residence, *offices: str) -> bool:
    """Whether `user` holds one of `offices` (any office, if none are named) in `residence` today."""
    return False
