from django.apps import AppConfig


class ResidencesConfig(AppConfig):
    name = "residences"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # What the features add to the registry (recovery.registry), in an explicit list.
        from residences import resident_data  # noqa: F401
        from residences.applications import api as applications_api  # noqa: F401
        from residences.applications import demo as applications_demo  # noqa: F401
        from residences.homes import api as homes_api  # noqa: F401
        from residences.homes import demo as homes_demo  # noqa: F401
        from residences.homes import today as homes_today  # noqa: F401
        from residences.homes import viewer_home as homes_viewer_home  # noqa: F401
        from residences.house_rules import today as house_rules_today  # noqa: F401
        from residences.ledger import api as ledger_api  # noqa: F401
        from residences.ledger import demo as ledger_demo  # noqa: F401
        from residences.ledger import stay_events as ledger_stay_events  # noqa: F401
        from residences.ledger import timeline as ledger_timeline  # noqa: F401
        from residences.ledger import today as ledger_today  # noqa: F401
        from residences.operations import demo as operations_demo  # noqa: F401
        from residences.operations import requests as operations_requests  # noqa: F401
        from residences.stays import api as stays_api  # noqa: F401
