"""The residents' models, one import per feature (Django looks here)."""

from residents.consents.models import *  # noqa: F403
from residents.phases.models import *  # noqa: F403
from residents.plans.models import *  # noqa: F403
from residents.profiles.models import *  # noqa: F403
from residents.review_models import *  # noqa: F403
