"""Django admin for the residences: each feature registers its own models (tenant-aware, every view audited)."""

from residences.applications import admin as admin_intake  # noqa: F401
from residences.homes import admin as homes_admin  # noqa: F401
from residences.ledger import admin as admin_ledger
from residences.operations import admin as admin_operations
from residences.stays import admin as stays_admin  # noqa: F401
