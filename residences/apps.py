from django.apps import AppConfig


class ResidencesConfig(AppConfig):
    name = "residences"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from residences.ledger import timeline
        from residents.plans.selectors import add_timeline_source

        add_timeline_source(timeline.payments)
