"""The residences: Celery tasks, one import per feature (Celery's autodiscovery looks here)."""

from residences.compliance import tasks as compliance_tasks  # noqa: F401
from residences.ledger import tasks as ledger_tasks  # noqa: F401
