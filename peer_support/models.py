"""peer_support models: each part has its own module, star-imported here."""

from peer_support.announcements.models import *  # noqa: F403
from peer_support.checkins.models import *  # noqa: F403
from peer_support.community.models import *  # noqa: F403
from peer_support.drift_signals.models import *  # noqa: F403
from peer_support.give_and_receive.models import *  # noqa: F403
from peer_support.mentorships.models import *  # noqa: F403
from peer_support.outside_meetings.models import *  # noqa: F403
from peer_support.workshops.models import *  # noqa: F403
