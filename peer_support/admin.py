"""Peer support: Django admin: each feature registers its own models (tenant-aware, every view audited)."""

from peer_support.announcements import admin as announcements_admin  # noqa: F401
from peer_support.checkins import admin as checkins_admin  # noqa: F401
from peer_support.community import admin as community_admin  # noqa: F401
from peer_support.drift_signals import admin as drift_signals_admin  # noqa: F401
from peer_support.give_and_receive import admin as give_and_receive_admin  # noqa: F401
from peer_support.mentorships import admin as mentorships_admin  # noqa: F401
from peer_support.outside_meetings import admin as outside_meetings_admin  # noqa: F401
from peer_support.workshops import admin as workshops_admin  # noqa: F401
