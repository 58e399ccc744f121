"""What the OpenAPI schema says about token authentication (drf-spectacular finds this extension by its target)."""

from drf_spectacular.extensions import OpenApiAuthenticationExtension


class TokenAuthenticationScheme(OpenApiAuthenticationExtension):
    target_class = "recovery.api.authentication.TokenAuthentication"
    name = "token"

    def get_security_definition(self, auto_schema):
        return {
            "type": "http",
            "scheme": "bearer",
            "description": "A personal access token (`hth_…`), made on the API tokens page of your account.",
        }


class SessionAuthenticationScheme(OpenApiAuthenticationExtension):
    target_class = "recovery.api.authentication.SessionAuthentication"
    name = "session"

    def get_security_definition(self, auto_schema):
        return {"type": "apiKey", "in": "cookie", "name": "sessionid"}
