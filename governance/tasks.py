"""Governance: Celery tasks, one import per feature (Celery's autodiscovery looks here)."""

from governance.accountability import tasks as accountability_tasks  # noqa: F401
from governance.chores import tasks as chores_tasks  # noqa: F401
from governance.drug_tests import tasks as drug_tests_tasks  # noqa: F401
from governance.grievances import tasks as grievances_tasks  # noqa: F401
from governance.house_meetings import tasks as house_meetings_tasks  # noqa: F401
from governance.incidents import tasks as incidents_tasks  # noqa: F401
from governance.passes import tasks as passes_tasks  # noqa: F401
from governance.treasury import tasks as treasury_tasks  # noqa: F401
