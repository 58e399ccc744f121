from django.apps import AppConfig


class PeerSupportConfig(AppConfig):
    name = "peer_support"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from peer_support.community import rules as community_rules  # noqa: F401 - registers the community, workshop and announcement permissions
        from peer_support.community.selectors import attach_partners
        from residents.plans import extras as plan_extras

        # Goals of a recovery plan can point to partner organizations: shown under each goal on the plan pages.
        plan_extras.register(annotate=attach_partners, template="peer_support/community/_goal_extra.html")

        from peer_support.checkins import timeline
        from peer_support.outside_meetings import timeline as outside_meetings_timeline
        from residents.plans.selectors import add_timeline_source

        add_timeline_source(timeline.check_ins)
        add_timeline_source(outside_meetings_timeline.outside_meetings)
