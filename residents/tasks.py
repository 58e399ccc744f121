"""The residents: Celery tasks, one import per feature (Celery's autodiscovery looks here)."""

from residents.reviews import tasks as reviews_tasks  # noqa: F401
from residents.safety_plans import tasks as safety_plans_tasks  # noqa: F401
