"""The residents' models, one import per feature (Django looks here)."""

from residents.barc10.models import *
from residents.consents.models import *  # noqa: F403
from residents.medications.models import *
from residents.phases.models import *  # noqa: F403
from residents.plans.models import *  # noqa: F403
from residents.profiles.models import *  # noqa: F403
from residents.reviews.models import *  # noqa: F403
from residents.safety_plans.models import *
