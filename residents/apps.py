from django.apps import AppConfig


class ResidentsConfig(AppConfig):
    name = "residents"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Each feature's cards on the signed-in home page, in an explicit list.
        from residents.phases import dashboard as phases_dashboard  # noqa: F401
        from residents.plans import dashboard as plans_dashboard  # noqa: F401
        from residents.reviews import dashboard as reviews_dashboard  # noqa: F401
