"""The sensitive classes of a resident's information, where each is kept, and who sees each by default.

This module is the one source every rule about a sensitive class reads from:
- `InfoClass`: the classes a consent names and a page asks about.
- `DEFAULT_VISIBILITY`: which roles see each class ("minimum necessary": the people who run the program see
  everything, a house manager what running the house needs, a coach only what a mentee shares with them, and a
  resident all of their own record; the rules on the record itself still decide that it is theirs).
- `SENSITIVE_MODELS` and `SENSITIVE_FIELDS`: the models and fields that hold each class. The rules of a feature
  that keeps one ask `class_of(...)` for its class instead of naming it again, and the role walk
  (tests/residents/test_sensitivity.py) fails on any page that reads one of these models without being taught
  who may see it.
- `KEEPER_ROLES` and `KEPT_FROM_MENTORS`: the parts of a record outside the classes (consents, justice details,
  date of birth, rent) that only the resident and the people who run their house see; a coach who mentors the
  resident is not one of them.
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

# Where each class is kept, by model label ("app_label.ModelName"). Labels rather than classes: drug tests and
# incidents live in governance, above this module, and a lower layer never imports a higher one. No model holds
# substance use history yet; a field or model that comes to hold it is added here first.
SENSITIVE_MODELS: dict[str, str] = {
    "residents.CaseNote": InfoClass.COUNSELING_NOTES,
    "residents.Medication": InfoClass.MEDICATION,
    "residents.MatStorageLog": InfoClass.MEDICATION,
    "residents.Barc10Assessment": InfoClass.ASSESSMENTS,
    "governance.DrugTest": InfoClass.TEST_RESULTS,
    "governance.TestResult": InfoClass.TEST_RESULTS,
    "governance.TestResponseStep": InfoClass.TEST_RESULTS,
    "governance.Incident": InfoClass.INCIDENTS,
    "governance.FollowUpAction": InfoClass.INCIDENTS,
}

# Single fields of otherwise ordinary models that hold a class ("app_label.ModelName.field").
SENSITIVE_FIELDS: dict[str, str] = {
    "residents.RecoveryPlan.clinical_considerations": InfoClass.COUNSELING_NOTES,
}

# The roles that run the program or a house and keep the resident's record. A coach looks after a mentee (their
# goals, the check-ins shared with them, their safety plan to read) but keeps no part of the record.
KEEPER_ROLES = frozenset({Role.ADMIN, Role.STAFF, Role.HOUSE_MANAGER})

# Parts of the record outside the classes that a mentor never sees, each with the models or fields that hold it.
# Consents name the probation officer; the ledger shows what the resident owes and pays.
KEPT_FROM_MENTORS: dict[str, frozenset[str]] = {
    "consents": frozenset({"residents.Consent", "residents.ConsentRecipient", "residents.Disclosure"}),
    "justice_details": frozenset(
        {
            "residents.Resident.justice_involvement",
            "residents.Resident.justice_officer_name",
            "residents.Resident.justice_officer_contact",
        }
    ),
    "date_of_birth": frozenset({"residents.Resident.date_of_birth"}),
    "ledger": frozenset({"residences.LedgerEntry"}),
}


def class_of(label: str) -> str:
    """The class a sensitive model or field holds, by label ("residents.CaseNote" or
    "residents.RecoveryPlan.clinical_considerations"); a KeyError for anything that holds none, so a rule cannot
    quietly ask about a model nobody classed."""
    return SENSITIVE_MODELS[label] if label in SENSITIVE_MODELS else SENSITIVE_FIELDS[label]


def can_see_class(membership, info_class: str) -> bool:
    """Whether a person in this membership's role sees `info_class` by default (no membership: never)."""
    if membership is None or not getattr(membership, "is_active", True):
        return False
    return info_class in DEFAULT_VISIBILITY.get(membership.role, frozenset())


def sees_class_of(membership, resident, info_class: str) -> bool:
    """Whether the viewer sees `info_class` of this resident's record: it is their own, or their role sees the
    class by default. The caller has already decided the viewer may open the record at all (the record's rules)."""
    if membership is None or resident is None:
        return False
    return resident.user_id == membership.user_id or can_see_class(membership, info_class)


def is_keeper(membership) -> bool:
    """Whether the membership's role keeps residents' records (`KEEPER_ROLES`); a coach does not."""
    return membership is not None and getattr(membership, "is_active", True) and membership.role in KEEPER_ROLES
