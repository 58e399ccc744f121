from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "recovery.audit"
    label = "audit"
    verbose_name = "Audit log"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from recovery.audit import (
            api,  # noqa: F401 - the audit log's API resource (registry "api_routes")
            receivers,  # noqa: F401 - connects the sign-in receivers
        )
