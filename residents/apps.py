from django.apps import AppConfig


class ResidentsConfig(AppConfig):
    name = "residents"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # What the features add to the registry (recovery.registry), in an explicit list.
        from residents import resident_data  # noqa: F401
        from residents.barc10 import api as barc10_api  # noqa: F401
        from residents.consents import dashboard as consents_dashboard  # noqa: F401
        from residents.consents import demo as consents_demo  # noqa: F401
        from residents.phases import dashboard as phases_dashboard  # noqa: F401
        from residents.phases import demo as phases_demo  # noqa: F401
        from residents.phases import requests as phases_requests  # noqa: F401
        from residents.phases import stay_events as phases_stay_events  # noqa: F401
        from residents.plans import dashboard as plans_dashboard  # noqa: F401
        from residents.plans import demo as plans_demo  # noqa: F401
        from residents.profiles import api as profiles_api  # noqa: F401
        from residents.reviews import api as reviews_api  # noqa: F401
        from residents.reviews import dashboard as reviews_dashboard  # noqa: F401
        from residents.reviews import demo as reviews_demo  # noqa: F401
        from residents.welcome import invitation_accepted as welcome_invitation_accepted  # noqa: F401
