"""The residences: Django admin: each feature registers its own models (tenant-aware, every view audited)."""

from residences.applications import admin as applications_admin  # noqa: F401
from residences.compliance import admin as compliance_admin  # noqa: F401
from residences.homes import admin as homes_admin  # noqa: F401
from residences.house_rules import admin as house_rules_admin  # noqa: F401
from residences.imports import admin as imports_admin  # noqa: F401
from residences.ledger import admin as ledger_admin  # noqa: F401
from residences.operations import admin as operations_admin  # noqa: F401
from residences.stays import admin as stays_admin  # noqa: F401
