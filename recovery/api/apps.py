from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "recovery.api"
    label = "api"
    verbose_name = "API"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from recovery.api import (
            organizations,  # noqa: F401 - the platform's own resource
            schema,  # noqa: F401 - the OpenAPI extensions for token and session authentication
        )
