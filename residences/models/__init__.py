"""Residences' models, one module per part of the house."""

from .applications import OPEN_STATUSES, Application, ApplicationNote, ApplicationStatus
from .beds import Bed, BedStatus, Room
from .compliance import CertificationReminder, ComplianceItem
from .house_rules import HouseRuleVersion, RuleAcknowledgement
from .ledger import FeeDisclosure, LedgerEntry, NonPaymentStep
from .operations import (
    GoodNeighborContact,
    HouseCheck,
    HouseCheckEntry,
    MaintenanceRequest,
    NeighborComplaint,
    SafetyInspection,
)
from .residences import LEVEL_DEFAULTS, HouseManagerAssignment, Level, MATStorage, Population, RentPeriod, Residence
from .stays import GOOD_EXITS, BedAssignment, DischargeReason, Stay

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
