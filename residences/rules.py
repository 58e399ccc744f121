"""Who may do what in the residences, one import per feature (django-rules' autodiscovery looks here)."""

from residences.applications import rules as applications_rules  # noqa: F401
from residences.compliance import rules as compliance_rules  # noqa: F401
from residences.homes import rules as homes_rules  # noqa: F401
from residences.house_rules import rules as house_rules_rules  # noqa: F401
from residences.imports import rules as imports_rules  # noqa: F401
from residences.ledger import rules as ledger_rules  # noqa: F401
from residences.operations import rules as operations_rules  # noqa: F401
from residences.stays import rules as stays_rules  # noqa: F401
