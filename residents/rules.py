"""Who may do what with a resident's record, one import per feature (django-rules' autodiscovery looks here)."""

from residents.barc10 import rules as barc10_rules  # noqa: F401
from residents.consents import rules as consents_rules  # noqa: F401
from residents.medications import rules as medications_rules  # noqa: F401
from residents.phases import rules as phases_rules  # noqa: F401
from residents.plans import rules as plans_rules  # noqa: F401
from residents.profiles import rules as profiles_rules  # noqa: F401
from residents.reviews import rules as reviews_rules  # noqa: F401
from residents.safety_plans import rules as safety_plans_rules  # noqa: F401
from residents.welcome import rules as welcome_rules  # noqa: F401
