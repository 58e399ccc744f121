from django.apps import AppConfig


class PeerSupportConfig(AppConfig):
    name = "peer_support"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import community_rules  # noqa: F401 - registers the community, workshop and announcement permissions
