from django.apps import AppConfig


class PeerSupportConfig(AppConfig):
    name = "peer_support"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # What the features add to the registry (recovery.registry), in an explicit list.
        from peer_support import resident_data  # noqa: F401
        from peer_support.checkins import api as checkins_api  # noqa: F401
        from peer_support.checkins import demo as checkins_demo  # noqa: F401
        from peer_support.checkins import requests as checkins_requests  # noqa: F401
        from peer_support.checkins import timeline as checkins_timeline  # noqa: F401
        from peer_support.community import demo as community_demo  # noqa: F401
        from peer_support.community import plan_goal_extras as community_plan_goal_extras  # noqa: F401
        from peer_support.drift_signals import timeline as drift_signals_timeline  # noqa: F401
        from peer_support.mentorships import looks_after as mentorships_looks_after  # noqa: F401
        from peer_support.outside_meetings import timeline as outside_meetings_timeline  # noqa: F401
        from peer_support.today import today as today_today  # noqa: F401
