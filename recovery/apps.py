from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps


class RecoveryConfig(AppConfig):
    name = "recovery"
    verbose_name = "Hearth platform"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # The platform's own card on the home page (links to every page a person may use), "Waiting for you" (the
        # open requests of every registered kind) and Today's lines.
        from recovery.choice_keys import refuse_out_of_range_keys

        refuse_out_of_range_keys()
        from recovery import (
            checks,  # noqa: F401
            dashboard_links,  # noqa: F401
            requests,  # noqa: F401
            today,  # noqa: F401
        )


class HearthAdminConfig(admin_apps.AdminConfig):
    """Django admin for platform staff: across tenants, every access audited."""

    default = False  # named explicitly in INSTALLED_APPS; RecoveryConfig stays this module's default
    default_site = "recovery.admin_site.HearthAdminSite"
