"""governance models: each part has its own module, star-imported here."""

from .accountability_models import *  # noqa: F403
from .chore_models import *  # noqa: F403
from .election_models import *  # noqa: F403
from .grievance_models import *  # noqa: F403
from .incident_models import *  # noqa: F403
from .ladder_models import *  # noqa: F403
from .meeting_models import *  # noqa: F403
from .pass_models import *  # noqa: F403
from .testing_models import *  # noqa: F403
from .treasury_models import *  # noqa: F403
