"""The sensitive classes of a resident's information, and which roles see each class by default.

A consent names the classes it lets the house disclose; pages that show a class ask `can_see_class` first.
Defaults follow "minimum necessary": the people who run the program see everything, a house manager sees what
running the house needs, a coach sees only what a mentee tells them, and a resident sees all of their own record
(the rules on the record itself still decide that it is theirs).
"""

from django.db import models

from recovery.models import Role


class InfoClass(models.TextChoices):
    TEST_RESULTS = "test_results", "Drug and alcohol test results"
    SUBSTANCE_HISTORY = "substance_history", "Substance use history"
    MEDICATION = "medication", "Medication"
    COUNSELING_NOTES = "counseling_notes", "Counseling-type notes"
    ASSESSMENTS = "assessments", "Assessments"
    INCIDENTS = "incidents", "Incidents"


EVERY_CLASS = frozenset(InfoClass.values)

DEFAULT_VISIBILITY: dict[str, frozenset[str]] = {
    Role.ADMIN: EVERY_CLASS,
    Role.STAFF: EVERY_CLASS,
    Role.HOUSE_MANAGER: frozenset({InfoClass.TEST_RESULTS, InfoClass.MEDICATION, InfoClass.INCIDENTS}),
    Role.COACH: frozenset(),
    Role.RESIDENT: EVERY_CLASS,
}


def can_see_class(membership, info_class: str) -> bool:
    """Whether a person in this membership's role sees `info_class` by default (no membership: never)."""
    if membership is None or not getattr(membership, "is_active", True):
        return False
    return info_class in DEFAULT_VISIBILITY.get(membership.role, frozenset())
