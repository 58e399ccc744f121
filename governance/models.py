"""governance models: each part has its own module, star-imported here."""

from .chore_models import *  # noqa: F403
from .pass_models import *  # noqa: F403
from .treasury_models import *  # noqa: F403
