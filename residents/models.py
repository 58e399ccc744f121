"""The models of the residents, one import per feature (Django looks here)."""

from residents.barc10.models import BARC10_ITEM_FIELDS, Barc10Assessment, Barc10Occasion
from residents.consents.models import DEFAULT_REVOCATION_TERMS, Consent, ConsentRecipient, Disclosure, DisclosureChannel
from residents.medications.models import MatKind, MatLogKind, MatStorageLog, Medication
from residents.phases.models import (
    AdvanceRequest,
    AdvanceRequestStatus,
    Alumnus,
    Celebration,
    CelebrationKind,
    Phase,
    PhaseStep,
)
from residents.plans.models import (
    CaseNote,
    Domain,
    EmergencyContact,
    Goal,
    GoalStatus,
    Milestone,
    PlanChange,
    PlanComment,
    PlanResource,
    ProgressUpdate,
    RecoveryPlan,
    SelfCategory,
)
from residents.profiles.models import JusticeInvolvement, Pathway, Resident
from residents.reviews.models import ProgressReview, ReviewGoalProgress
from residents.safety_plans.models import SafetyPlan, SelfCarePlan
from residents.welcome.models import InvitationChannel, ResidentInvitation

__all__ = [
    "BARC10_ITEM_FIELDS",
    "DEFAULT_REVOCATION_TERMS",
    "AdvanceRequest",
    "AdvanceRequestStatus",
    "Alumnus",
    "Barc10Assessment",
    "Barc10Occasion",
    "CaseNote",
    "Celebration",
    "CelebrationKind",
    "Consent",
    "ConsentRecipient",
    "Disclosure",
    "DisclosureChannel",
    "Domain",
    "EmergencyContact",
    "Goal",
    "GoalStatus",
    "InvitationChannel",
    "JusticeInvolvement",
    "MatKind",
    "MatLogKind",
    "MatStorageLog",
    "Medication",
    "Milestone",
    "Pathway",
    "Phase",
    "PhaseStep",
    "PlanChange",
    "PlanComment",
    "PlanResource",
    "ProgressReview",
    "ProgressUpdate",
    "RecoveryPlan",
    "Resident",
    "ResidentInvitation",
    "ReviewGoalProgress",
    "SafetyPlan",
    "SelfCarePlan",
    "SelfCategory",
]
