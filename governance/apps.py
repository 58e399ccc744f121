from django.apps import AppConfig


class GovernanceConfig(AppConfig):
    name = "governance"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Each part registers its permissions in its own module; load them all before any page asks.
        from . import accountability_rules, house_life_rules, rules  # noqa: F401
