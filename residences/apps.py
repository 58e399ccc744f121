from django.apps import AppConfig


class ResidencesConfig(AppConfig):
    name = "residences"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from residents.plan_selectors import add_timeline_source

        from . import timeline

        add_timeline_source(timeline.payments)
