from django.apps import AppConfig


class RecoveryConfig(AppConfig):
    name = "recovery"
    verbose_name = "Hearth platform"
    default_auto_field = "django.db.models.BigAutoField"
