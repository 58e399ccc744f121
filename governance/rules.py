"""Who may do what in governance, one import per feature (django-rules' autodiscovery looks here)."""

from governance.accountability import rules as accountability_rules  # noqa: F401
from governance.chores import rules as chores_rules  # noqa: F401
from governance.drug_tests import rules as drug_tests_rules  # noqa: F401
from governance.grievances import rules as grievances_rules  # noqa: F401
from governance.house_meetings import rules as house_meetings_rules  # noqa: F401
from governance.incidents import rules as incidents_rules  # noqa: F401
from governance.ladder import rules as ladder_rules  # noqa: F401
from governance.officers import rules as officers_rules  # noqa: F401
from governance.outcomes import rules as outcomes_rules  # noqa: F401
from governance.passes import rules as passes_rules  # noqa: F401
from governance.treasury import rules as treasury_rules  # noqa: F401
