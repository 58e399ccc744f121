from django.apps import AppConfig


class ResidentsConfig(AppConfig):
    name = "residents"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from residents import dashboard_cards

        dashboard_cards.register()
