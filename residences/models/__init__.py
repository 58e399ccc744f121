"""Residences' models, one module per part of the house."""

from .applications import OPEN_STATUSES, Application, ApplicationNote, ApplicationStatus
from .beds import Bed, BedStatus, Room
from .ledger import FeeDisclosure, LedgerEntry, NonPaymentStep
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
    "DischargeReason",
    "FeeDisclosure",
    "HouseManagerAssignment",
    "LedgerEntry",
    "Level",
    "MATStorage",
    "NonPaymentStep",
    "Population",
    "RentPeriod",
    "Residence",
    "Room",
    "Stay",
]
