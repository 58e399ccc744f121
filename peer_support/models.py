"""peer_support models: each part has its own module, star-imported here."""

from .announcement_models import *  # noqa: F403
from .checkin_models import *  # noqa: F403
from .community_models import *  # noqa: F403
from .drift_models import *  # noqa: F403
from .help_models import *  # noqa: F403
from .meeting_models import *  # noqa: F403
from .mentor_models import *  # noqa: F403
from .workshop_models import *  # noqa: F403
