"""governance models: each part has its own module, star-imported here."""

from .election_models import *  # noqa: F403
from .meeting_models import *  # noqa: F403
