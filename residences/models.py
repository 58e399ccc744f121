"""Residences' models, one module per part of the house."""

from residences.applications.models import OPEN_STATUSES, Application, ApplicationNote, ApplicationStatus
from residences.compliance.models import CertificationReminder, ComplianceItem
from residences.homes.models import (
    LEVEL_DEFAULTS,
    Bed,
    BedStatus,
    HouseManagerAssignment,
    Level,
    MATStorage,
    Population,
    RentPeriod,
    Residence,
    Room,
)
from residences.house_rules.models import HouseRuleVersion, RuleAcknowledgement
from residences.ledger.models import FeeDisclosure, LedgerEntry, NonPaymentStep
from residences.operations.models import (
    GoodNeighborContact,
    HouseCheck,
    HouseCheckEntry,
    MaintenanceRequest,
    NeighborComplaint,
    SafetyInspection,
)
from residences.stays.models import GOOD_EXITS, BedAssignment, DischargeReason, Stay

__all__ = [
    "GOOD_EXITS",
    "LEVEL_DEFAULTS",
    "OPEN_STATUSES",
    "Application",
    "ApplicationNote",
    "ApplicationStatus",
    "Bed",
    "BedAssignment",
    "BedStatus",
    "CertificationReminder",
    "ComplianceItem",
    "DischargeReason",
    "FeeDisclosure",
    "GoodNeighborContact",
    "HouseCheck",
    "HouseCheckEntry",
    "HouseManagerAssignment",
    "HouseRuleVersion",
    "LedgerEntry",
    "Level",
    "MATStorage",
    "MaintenanceRequest",
    "NeighborComplaint",
    "NonPaymentStep",
    "Population",
    "RentPeriod",
    "Residence",
    "Room",
    "RuleAcknowledgement",
    "SafetyInspection",
    "Stay",
]
