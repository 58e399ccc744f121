"""Governance: Django admin: each feature registers its own models (tenant-aware, every view audited)."""

from governance.accountability import admin as accountability_admin  # noqa: F401
from governance.chores import admin as chores_admin  # noqa: F401
from governance.drug_tests import admin as drug_tests_admin  # noqa: F401
from governance.grievances import admin as grievances_admin  # noqa: F401
from governance.house_meetings import admin as house_meetings_admin  # noqa: F401
from governance.incidents import admin as incidents_admin  # noqa: F401
from governance.ladder import admin as ladder_admin  # noqa: F401
from governance.officers import admin as officers_admin  # noqa: F401
from governance.passes import admin as passes_admin  # noqa: F401
from governance.treasury import admin as treasury_admin  # noqa: F401
