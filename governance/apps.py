from django.apps import AppConfig


class GovernanceConfig(AppConfig):
    name = "governance"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Each part registers its permissions in its own module; load them all before any page asks.
        from governance import accountability_rules, house_life_rules, rules, timeline  # noqa: F401
        from residents.plans.selectors import add_timeline_source

        for source in (timeline.incidents, timeline.drug_tests, timeline.violations):
            add_timeline_source(source)
