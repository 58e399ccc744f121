"""Who may do what in peer support, one import per feature (django-rules' autodiscovery looks here)."""

from peer_support.announcements import rules as announcements_rules  # noqa: F401
from peer_support.checkins import rules as checkins_rules  # noqa: F401
from peer_support.community import rules as community_rules  # noqa: F401
from peer_support.drift_signals import rules as drift_signals_rules  # noqa: F401
from peer_support.give_and_receive import rules as give_and_receive_rules  # noqa: F401
from peer_support.mentorships import rules as mentorships_rules  # noqa: F401
from peer_support.outside_meetings import rules as outside_meetings_rules  # noqa: F401
from peer_support.today import rules as today_rules  # noqa: F401
from peer_support.workshops import rules as workshops_rules  # noqa: F401
