"""The residents: Django admin: each feature registers its own models (tenant-aware, every view audited)."""

from residents.barc10 import admin as barc10_admin  # noqa: F401
from residents.consents import admin as consents_admin  # noqa: F401
from residents.medications import admin as medications_admin  # noqa: F401
from residents.phases import admin as phases_admin  # noqa: F401
from residents.plans import admin as plans_admin  # noqa: F401
from residents.profiles import admin as profiles_admin  # noqa: F401
from residents.reviews import admin as reviews_admin  # noqa: F401
from residents.safety_plans import admin as safety_plans_admin  # noqa: F401
