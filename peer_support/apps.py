from django.apps import AppConfig


class PeerSupportConfig(AppConfig):
    name = "peer_support"
    default_auto_field = "django.db.models.BigAutoField"
