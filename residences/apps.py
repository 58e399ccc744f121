from django.apps import AppConfig


class ResidencesConfig(AppConfig):
    name = "residences"
    default_auto_field = "django.db.models.BigAutoField"
