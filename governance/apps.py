from django.apps import AppConfig


class GovernanceConfig(AppConfig):
    name = "governance"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # What the features add to the registry (recovery.registry), in an explicit list.
        from governance import resident_data  # noqa: F401
        from governance.accountability import demo as accountability_demo  # noqa: F401
        from governance.chores import demo as chores_demo  # noqa: F401
        from governance.chores import today as chores_today  # noqa: F401
        from governance.drug_tests import timeline as drug_tests_timeline  # noqa: F401
        from governance.grievances import requests as grievances_requests  # noqa: F401
        from governance.house_meetings import api as house_meetings_api  # noqa: F401
        from governance.house_meetings import demo as house_meetings_demo  # noqa: F401
        from governance.house_meetings import secrecy as house_meetings_secrecy  # noqa: F401
        from governance.house_meetings import today as house_meetings_today  # noqa: F401
        from governance.incidents import api as incidents_api  # noqa: F401
        from governance.incidents import timeline as incidents_timeline  # noqa: F401
        from governance.incidents import today as incidents_today  # noqa: F401
        from governance.ladder import home_opened as ladder_home_opened  # noqa: F401
        from governance.ladder import requests as ladder_requests  # noqa: F401
        from governance.ladder import timeline as ladder_timeline  # noqa: F401
        from governance.officers import secrecy as officers_secrecy  # noqa: F401
        from governance.passes import requests as passes_requests  # noqa: F401
        from governance.passes import today as passes_today  # noqa: F401
