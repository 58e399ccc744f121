from django.apps import AppConfig


class GovernanceConfig(AppConfig):
    name = "governance"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Each part registers its permissions in its own module; load them all before any page asks.
        from governance.drug_tests import timeline as drug_tests_timeline
        from governance.incidents import rules as accountability_rules  # noqa: F401
        from governance.incidents import timeline
        from governance.ladder import timeline as ladder_timeline
        from residents.plans.selectors import add_timeline_source

        for source in (timeline.incidents, drug_tests_timeline.drug_tests, ladder_timeline.violations):
            add_timeline_source(source)
