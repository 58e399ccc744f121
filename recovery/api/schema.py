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


PROBLEM_SCHEMA = {
    "type": "object",
    "description": "RFC 9457 problem details: every error of the API has this shape.",
    "properties": {
        "type": {"type": "string", "description": "A URI naming the kind of problem."},
        "title": {"type": "string", "description": "The same for every problem of a kind."},
        "status": {"type": "integer"},
        "detail": {"type": "string", "description": "What happened this time; never personal data."},
        "errors": {
            "type": "object",
            "additionalProperties": True,
            "description": "Validation only: each field's messages (non_field_errors for the whole request).",
        },
    },
    "required": ["type", "title", "status", "detail"],
}

# What every operation may answer besides its success, and what a change or a posting may answer besides those.
_EVERY = {
    "400": "The request's parameters or body are not valid (`errors` names the fields).",
    "401": "No credentials, or a token that is unknown, revoked or expired.",
    "403": "The token's scope or the person's role does not allow this.",
    "404": "No such record in your organization (another organization's records are never found).",
    "405": "The method is not allowed here.",
    "406": "Only JSON is served.",
    "429": "Too many requests for this token: wait for Retry-After seconds.",
}
_CHANGES = {
    "409": "The change conflicts with the record's state.",
    "412": "If-Match does not match the record's current ETag: read it again.",
    "415": "Send JSON.",
    "422": "A rule of the house refused the change, or an Idempotency-Key was reused for another request.",
    "428": "This change needs If-Match with the ETag you read.",
}


def add_problem_responses(result, generator, request, public):
    """drf-spectacular post-processing hook: a `Problem` component, and the problem answers every operation may
    give (`_EVERY`, plus `_CHANGES` for POST, PUT, PATCH and DELETE), so that clients and the contract test know
    every status the API answers."""
    result.setdefault("components", {}).setdefault("schemas", {})["Problem"] = PROBLEM_SCHEMA
    content = {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}
    for operations in result.get("paths", {}).values():
        for method, operation in operations.items():
            if method not in ("get", "post", "put", "patch", "delete"):
                continue
            answers = {**_EVERY, **(_CHANGES if method != "get" else {})}
            for code, description in answers.items():
                operation["responses"].setdefault(code, {"description": description, "content": content})
    return result
